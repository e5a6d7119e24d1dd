// Pure functions from the API's JSON to what the page shows; no DOM here, so Node's test runner checks them.

/** Capsule statuses that mean the files passed validation. */
const GOOD = new Set(['VALIDATED']);
/** Run states and statuses that are still moving. */
const MOVING = new Set(['RUNNING', 'QUEUED', 'PENDING']);

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A CSS class for a status badge: ok, bad or running. */
export function statusClass(status) {
  if (GOOD.has(status)) {
    return 'ok';
  }
  return MOVING.has(status) ? 'running' : 'bad';
}

/** One line for a progress event's data {sequence, stage, tier, attempt, message}. */
export function describeEvent(data) {
  const parts = [`#${data.sequence ?? '?'}`, String(data.stage ?? '')];
  if (data.attempt) {
    parts.push(`attempt ${data.attempt}`);
  }
  if (data.tier) {
    parts.push(String(data.tier));
  }
  const head = parts.filter(Boolean).join(' · ');
  return data.message ? `${head} — ${data.message}` : head;
}

/** Every finding of a validation report, with the stage it came from. */
export function allFindings(validation) {
  const stages = Array.isArray(validation?.stages) ? validation.stages : [];
  return stages.flatMap((stage) => (Array.isArray(stage.findings) ? stage.findings : [])
    .map((finding) => ({ ...finding, stage: finding.stage ?? stage.name })));
}

/**
 * The findings of one file: `byLine` maps a 1-based line to its findings (errors first), `fileLevel` holds those
 * without a line.
 */
export function findingsForFile(validation, path) {
  return groupByLine(allFindings(validation), path);
}

/**
 * Groups the findings of one file from a list: `byLine` maps a 1-based line to its findings (errors first),
 * `fileLevel` holds those without a line, and, when `lineCount` is given, those past the file's last line (an earlier
 * attempt's line may no longer exist).
 */
export function groupByLine(findings, path, lineCount = Infinity) {
  const byLine = new Map();
  const fileLevel = [];
  const rank = { ERROR: 0, WARNING: 1, INFO: 2 };
  for (const finding of Array.isArray(findings) ? findings : []) {
    if (finding.file !== path) {
      continue;
    }
    const line = Number(finding.line) || 0;
    if (line < 1 || line > lineCount) {
      fileLevel.push(finding);
    } else {
      if (!byLine.has(line)) {
        byLine.set(line, []);
      }
      byLine.get(line).push(finding);
    }
  }
  for (const list of byLine.values()) {
    list.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || (a.column ?? 0) - (b.column ?? 0));
  }
  return { byLine, fileLevel };
}

/** Findings that name no file, or a file the capsule does not have. */
export function unplacedFindings(validation, paths) {
  const known = new Set(paths);
  return allFindings(validation).filter((finding) => !finding.file || !known.has(finding.file));
}

/** How many findings each file has, for the file list. */
export function findingCounts(validation) {
  return countByFile(allFindings(validation));
}

/** One line for a finding: "ERROR compile 9:28 cannot find symbol (rule)". */
export function describeFinding(finding) {
  const where = finding.line ? `${finding.line}${finding.column ? `:${finding.column}` : ''} ` : '';
  const rule = finding.rule ? ` (${finding.rule})` : '';
  return `${finding.severity ?? 'ERROR'} ${finding.stage ?? ''} ${where}${finding.message ?? ''}${rule}`
    .replace(/\s+/g, ' ').trim();
}

/** The lines of a unified diff, each with its kind: meta, hunk, add, del or context. */
export function diffLines(unifiedDiff) {
  const text = String(unifiedDiff ?? '');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return (text === '' ? [] : lines).map((line) => {
    let kind = 'context';
    if (line.startsWith('+++') || line.startsWith('---')) {
      kind = 'meta';
    } else if (line.startsWith('@@')) {
      kind = 'hunk';
    } else if (line.startsWith('+')) {
      kind = 'add';
    } else if (line.startsWith('-')) {
      kind = 'del';
    } else if (line.startsWith('\\')) {
      kind = 'meta';
    }
    return { kind, text: line };
  });
}

/** One line for an attempt record {number, tier, passed, errorCount, reason}. */
export function describeAttempt(attempt) {
  const outcome = attempt.passed ? 'passed' : `failed with ${plural(attempt.errorCount, 'error')}`;
  return `Attempt ${attempt.number} on ${attempt.tier}: ${outcome}${attempt.reason ? ` — ${attempt.reason}` : ''}`;
}

/**
 * The capsule's attempts as timeline steps, in order: `number`, `tier`, `passed`, `reason`, `errorCount`, `findings`
 * (the kept error findings, each with its stage), `outcome` ("passed" / "failed · 2 errors"), `kept` (a note when
 * fewer findings were kept than counted, else '') and `canShow` (a failed attempt with findings to show). A failed
 * last attempt without kept findings points to the validation report, which is that attempt's.
 */
export function attemptSteps(attempts) {
  const list = Array.isArray(attempts) ? attempts : [];
  const lastNumber = Math.max(0, ...list.map((attempt) => Number(attempt.number) || 0));
  return list
    .map((attempt) => {
      const errorCount = Number(attempt.errorCount) || 0;
      const findings = (Array.isArray(attempt.errors) ? attempt.errors : [])
        .map((finding) => ({ ...finding, stage: finding.stage ?? '' }));
      let kept = '';
      if (!attempt.passed && findings.length === 0 && errorCount > 0) {
        // The capsule's validation report is the last attempt's, so its findings are on the page already.
        kept = Number(attempt.number) === lastNumber ? 'its findings are under Validation' : 'findings not kept';
      } else if (findings.length < errorCount) {
        kept = `first ${findings.length} of ${errorCount} kept`;
      }
      return {
        number: Number(attempt.number) || 0,
        tier: String(attempt.tier ?? ''),
        passed: attempt.passed === true,
        reason: String(attempt.reason ?? ''),
        errorCount,
        findings,
        outcome: attempt.passed ? 'passed' : `failed · ${plural(errorCount, 'error')}`,
        kept,
        canShow: !attempt.passed && findings.length > 0,
      };
    })
    .sort((a, b) => a.number - b.number);
}

/** An attempt's findings split by whether their file is among `paths`: `placed` (in a file) and `unplaced`. */
export function placeFindings(findings, paths) {
  const known = new Set(paths);
  const placed = [];
  const unplaced = [];
  for (const finding of Array.isArray(findings) ? findings : []) {
    (finding.file && known.has(finding.file) ? placed : unplaced).push(finding);
  }
  return { placed, unplaced };
}

/** How many of the findings name each file. */
export function countByFile(findings) {
  const counts = new Map();
  for (const finding of Array.isArray(findings) ? findings : []) {
    if (finding.file) {
      counts.set(finding.file, (counts.get(finding.file) ?? 0) + 1);
    }
  }
  return counts;
}

/** Where a finding points: "path:9:28", "path:9", "path", or "(no file)". */
export function findingLocation(finding) {
  if (!finding.file) {
    return '(no file)';
  }
  const line = Number(finding.line) || 0;
  const column = Number(finding.column) || 0;
  if (line < 1) {
    return finding.file;
  }
  return column > 0 ? `${finding.file}:${line}:${column}` : `${finding.file}:${line}`;
}
