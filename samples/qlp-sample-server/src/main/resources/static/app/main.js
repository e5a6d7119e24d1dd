// The page: key handling, requests with live progress, capsule files with highlighting and findings, the attempts'
// timeline with each failed attempt's findings, versions and their diff, and downloads. Every text from the server or
// the user goes into the DOM through textContent.

import { ApiError, createApi } from './api.js';
import { StreamRefused, streamEvents } from './sse.js';
import { highlightLines, languageOf } from './highlight.js';
import {
  attemptSteps, countByFile, describeAttempt, describeEvent, describeFinding, diffLines, findingCounts, findingLocation,
  findingsForFile, groupByLine, placeFindings, statusClass, unplacedFindings,
} from './view-model.js';

const KEY_STORAGE = 'qlp.apiKey';
const PAGE_SIZE = 20;

const $ = (id) => document.getElementById(id);

/** An element with a class, text and attributes; children are nodes or strings (as text). */
function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  for (const [name, value] of Object.entries(attrs ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

const storage = {
  get: () => sessionStorage.getItem(KEY_STORAGE) ?? '',
  set: (key) => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

const api = createApi({ key: storage.get });

const state = {
  capsule: null,
  stream: null,
  listOffset: 0,
  openPath: null,
  /** The timeline step whose findings are shown, or null. */
  attempt: null,
};

function notice(message, kind = 'error') {
  const box = $('notice');
  box.textContent = message;
  box.className = `notice ${kind}`;
  box.hidden = message === '';
}

function report(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      storage.clear();
      showKeyState();
    }
    notice(error.describe());
  } else if (error instanceof StreamRefused) {
    notice(`The progress stream was refused (HTTP ${error.status}).`);
  } else if (error?.name !== 'AbortError') {
    notice(String(error?.message ?? error));
  }
}

function badge(node, status) {
  node.textContent = status;
  node.className = `badge ${statusClass(status)}`;
}

// ---- key ----

function showKeyState() {
  const hasKey = storage.get() !== '';
  $('key-form').hidden = hasKey;
  $('key-set').hidden = !hasKey;
  for (const id of ['generate', 'list-refresh']) {
    $(id).disabled = !hasKey;
  }
  if (!hasKey) {
    notice('Enter an API key to start. The server logs one at start when none is configured.', 'info');
  }
}

$('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('api-key');
  const key = input.value.trim();
  input.value = '';
  if (key === '') {
    return;
  }
  storage.set(key);
  showKeyState();
  notice('');
  await loadList(true);
});

$('key-forget').addEventListener('click', () => {
  storage.clear();
  state.stream?.abort();
  $('capsule-list').replaceChildren();
  showKeyState();
});

// ---- requests and live progress ----

$('request-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const description = $('description').value.trim();
  if (description === '') {
    return;
  }
  const requirements = $('requirements').value.split('\n').map((line) => line.trim()).filter(Boolean);
  const request = { description, language: $('language').value };
  if (requirements.length > 0) {
    request.requirements = requirements;
  }
  const button = $('generate');
  button.disabled = true;
  notice('');
  try {
    const started = await api.generate(request);
    history.replaceState(null, '', `#capsule=${encodeURIComponent(started.id)}`);
    await watch(started.id);
  } catch (error) {
    report(error);
  } finally {
    button.disabled = storage.get() === '';
  }
});

/** Shows a generation's events as they come, then opens the capsule. */
async function watch(id) {
  state.stream?.abort();
  const controller = new AbortController();
  state.stream = controller;
  $('progress-panel').hidden = false;
  $('progress-id').textContent = id;
  $('progress').replaceChildren();
  badge($('progress-state'), 'RUNNING');
  let end;
  try {
    end = await streamEvents({
      url: api.eventsUrl(id),
      headers: api.streamHeaders(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.event === 'progress') {
          const data = JSON.parse(event.data);
          const item = el('li', { text: describeEvent(data), attrs: { 'data-sequence': String(data.sequence) } });
          item.dataset.stage = String(data.stage ?? '');
          const list = $('progress');
          list.append(item);
          // Follow the newest event inside the list's own scroll box.
          list.scrollTop = list.scrollHeight;
        }
      },
      onReconnect: ({ lastEventId }) => {
        $('progress').append(el('li', { className: 'muted', text: `reconnecting after event ${lastEventId || 'none'}…` }));
      },
    });
  } catch (error) {
    report(error);
    return;
  } finally {
    if (state.stream === controller) {
      state.stream = null;
    }
  }
  const result = JSON.parse(end.data);
  if (result.state === 'FAILED') {
    badge($('progress-state'), 'FAILED');
    const error = result.error ?? {};
    notice(`The generation failed: ${error.code ?? ''} ${error.message ?? ''}`.trim());
    return;
  }
  badge($('progress-state'), result.status ?? result.state);
  await openCapsule(id);
  await loadList(true);
}

// ---- the capsule list ----

$('list-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadList(true);
});
$('list-more').addEventListener('click', () => loadList(false));

async function loadList(fromStart) {
  if (storage.get() === '') {
    return;
  }
  state.listOffset = fromStart ? 0 : state.listOffset + PAGE_SIZE;
  try {
    const page = await api.list({ offset: state.listOffset, limit: PAGE_SIZE, text: $('list-text').value.trim() });
    const items = page.capsules.map((summary) => {
      const status = el('span', {});
      badge(status, summary.status);
      const button = el('button', { className: 'link', attrs: { type: 'button', 'data-id': summary.id } },
        el('span', { className: 'summary-text', text: summary.description }), status);
      button.addEventListener('click', () => {
        history.replaceState(null, '', `#capsule=${encodeURIComponent(summary.id)}`);
        openCapsule(summary.id).catch(report);
      });
      return el('li', {}, button);
    });
    if (fromStart) {
      $('capsule-list').replaceChildren(...items);
    } else {
      $('capsule-list').append(...items);
    }
    $('list-more').hidden = !page.hasMore;
  } catch (error) {
    report(error);
  }
}

// ---- one capsule ----

async function openCapsule(id, version) {
  const capsule = await api.capsule(id, version);
  if (!Array.isArray(capsule.files)) {
    // Not stored yet (RUNNING) or failed: follow its progress instead.
    if (capsule.status === 'RUNNING') {
      await watch(id);
    } else {
      notice(`Capsule ${id}: ${capsule.status}${capsule.error ? ` — ${capsule.error.message}` : ''}`);
    }
    return;
  }
  state.capsule = capsule;
  $('capsule-panel').hidden = false;
  $('capsule-id').textContent = capsule.id;
  badge($('capsule-status'), capsule.status);
  $('capsule-version').textContent = version ? `version ${version}` : 'latest version';
  $('capsule-description').textContent = capsule.request?.description ?? '';
  state.attempt = null;
  renderAttempts(capsule);
  renderStages(capsule);
  renderFiles(capsule);
  await loadVersions();
}

// ---- the attempts' timeline ----

function renderAttempts(capsule) {
  const steps = attemptSteps(capsule.attempts);
  $('attempts').replaceChildren(...steps.map((step) => {
    const attrs = { 'data-attempt': String(step.number), 'data-passed': String(step.passed),
      title: describeAttempt(step) };
    const item = el('li', { className: `step ${step.passed ? 'ok' : 'bad'}`, attrs },
    el('span', { className: 'step-dot', text: String(step.number), attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'step-title', text: `Attempt ${step.number}` }),
    el('span', { className: 'step-tier', text: step.tier }),
    el('span', { className: 'step-outcome', text: step.outcome }));
    if (step.reason) {
      item.append(el('span', { className: 'step-reason', text: step.reason }));
    }
    if (step.kept) {
      item.append(el('span', { className: 'step-kept', text: step.kept }));
    }
    if (step.canShow) {
      const toggle = el('button', { className: 'secondary step-toggle', text: 'Show findings',
        attrs: { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'attempt-detail' } });
      toggle.addEventListener('click', () => selectAttempt(state.attempt?.number === step.number ? null : step));
      item.append(toggle);
    }
    return item;
  }));
  showAttemptDetail();
}

/** Shows one failed attempt's findings (null hides them): in the list, in the file list and under their lines. */
function selectAttempt(step) {
  const capsule = state.capsule;
  state.attempt = step;
  for (const item of $('attempts').children) {
    const selected = step !== null && item.dataset.attempt === String(step.number);
    item.classList.toggle('selected', selected);
    const toggle = item.querySelector('.step-toggle');
    if (toggle) {
      toggle.setAttribute('aria-pressed', String(selected));
      toggle.textContent = selected ? 'Hide findings' : 'Show findings';
    }
  }
  showAttemptDetail();
  renderFileCounts(capsule);
  if (step !== null) {
    // Open a file the attempt's findings point into, unless the open one is such a file.
    const counts = countByFile(placeFindings(step.findings, capsule.files.map((file) => file.path)).placed);
    const first = capsule.files.find((file) => counts.has(file.path));
    if (first && !counts.has(state.openPath)) {
      showFile(first.path);
      return;
    }
  }
  if (state.openPath) {
    showFile(state.openPath);
  }
}

function showAttemptDetail() {
  const step = state.attempt;
  $('attempt-detail').hidden = step === null;
  if (step === null) {
    $('attempt-findings').replaceChildren();
    return;
  }
  const capsule = state.capsule;
  const paths = capsule.files.map((file) => file.path);
  $('attempt-detail-title').textContent = `Attempt ${step.number} (${step.tier}): ${step.outcome}`;
  $('attempt-detail-note').textContent = 'These findings are from attempt ' + step.number
    + '. The repair may have changed the code since, so a line number points into that attempt\'s code.'
    + (step.findings.length < step.errorCount
      ? ` Only the first ${step.findings.length} of ${step.errorCount} errors were kept.` : '');
  const { unplaced } = placeFindings(step.findings, paths);
  const gone = new Set(unplaced);
  $('attempt-findings').replaceChildren(...step.findings.map((finding) => {
    const item = el('li', { className: `finding attempt ${String(finding.severity).toLowerCase()}`,
      attrs: { 'data-file': finding.file ?? '', 'data-line': String(Number(finding.line) || 0) } });
    if (gone.has(finding)) {
      item.append(el('span', { className: 'where', text: findingLocation(finding) }),
        el('span', { className: 'gone', text: finding.file ? ' (no such file now)' : '' }));
    } else {
      const open = el('button', { className: 'link where', text: findingLocation(finding), attrs: { type: 'button' } });
      open.addEventListener('click', () => {
        showFile(finding.file);
        const row = $('code').querySelector(`tr.attempt-row[data-line="${Number(finding.line) || 0}"]`);
        row?.scrollIntoView({ block: 'center' });
      });
      item.append(open);
    }
    item.append(' ', el('span', { text: describeFinding(finding) }));
    return item;
  }));
}

function renderStages(capsule) {
  const stages = capsule.validation?.stages ?? [];
  $('stages').replaceChildren(...stages.map((stage) => {
    const count = stage.findings?.length ?? 0;
    return el('li', { className: stage.passed ? 'ok' : 'bad',
      text: `${stage.name}: ${stage.passed ? 'passed' : 'failed'}${count ? ` (${count} finding${count === 1 ? '' : 's'})` : ''}` });
  }));
  const paths = capsule.files.map((file) => file.path);
  $('unplaced-findings').replaceChildren(...unplacedFindings(capsule.validation, paths)
    .map((finding) => el('li', { className: `finding ${String(finding.severity).toLowerCase()}`, text: describeFinding(finding) })));
}

function renderFiles(capsule) {
  const counts = findingCounts(capsule.validation);
  $('file-list').replaceChildren(...capsule.files.map((file) => {
    const button = el('button', { className: 'link', attrs: { type: 'button', 'data-path': file.path } },
      el('span', { text: file.path }), el('span', { className: 'role', text: String(file.role ?? '').toLowerCase() }));
    const count = counts.get(file.path) ?? 0;
    if (count > 0) {
      button.append(el('span', { className: 'count', text: `${count} finding${count === 1 ? '' : 's'}` }));
    }
    button.addEventListener('click', () => showFile(file.path));
    return el('li', {}, button);
  }));
  renderFileCounts(capsule);
  const first = capsule.files.find((file) => (counts.get(file.path) ?? 0) > 0) ?? capsule.files[0];
  if (first) {
    showFile(first.path);
  } else {
    $('file-view').hidden = true;
  }
}

/** The selected attempt's count on each file it has findings in. */
function renderFileCounts(capsule) {
  const step = state.attempt;
  const counts = step === null ? new Map() : countByFile(step.findings);
  for (const button of $('file-list').querySelectorAll('button[data-path]')) {
    button.querySelector('.attempt-count')?.remove();
    const count = counts.get(button.dataset.path) ?? 0;
    if (count > 0 && capsule.files.some((file) => file.path === button.dataset.path)) {
      button.append(el('span', { className: 'attempt-count', text: `attempt ${step.number}: ${count}` }));
    }
  }
}

/** A finding from an earlier attempt, labelled so it is not taken for one of the current code. */
function attemptFinding(tag, step, finding) {
  return el(tag, { className: `attempt-finding ${String(finding.severity).toLowerCase()}` },
    el('span', { className: 'attempt-label', text: `attempt ${step.number}` }), ' ', describeFinding(finding));
}

function showFile(path) {
  const capsule = state.capsule;
  const file = capsule?.files.find((candidate) => candidate.path === path);
  if (!file) {
    return;
  }
  state.openPath = path;
  for (const button of $('file-list').querySelectorAll('button')) {
    button.classList.toggle('selected', button.dataset.path === path);
  }
  $('file-view').hidden = false;
  $('file-name').textContent = path;
  const { byLine, fileLevel } = findingsForFile(capsule.validation, path);
  const lines = highlightLines(file.content, languageOf(path));
  const step = state.attempt;
  const earlier = step === null ? { byLine: new Map(), fileLevel: [] } : groupByLine(step.findings, path, lines.length);
  $('file-findings').replaceChildren(...fileLevel.map((finding) => el('li', {
    className: `finding ${String(finding.severity).toLowerCase()}`, text: describeFinding(finding) })),
  ...earlier.fileLevel.map((finding) => attemptFinding('li', step, finding)));
  const rows = [];
  lines.forEach((tokens, index) => {
    const number = index + 1;
    const code = el('td', { className: 'src' });
    for (const token of tokens) {
      code.append(token.type === 'plain' ? document.createTextNode(token.text)
        : el('span', { className: `tok-${token.type}`, text: token.text }));
    }
    const findings = byLine.get(number) ?? [];
    const classes = ['line', findings.length ? 'has-finding' : '',
      earlier.byLine.has(number) ? 'has-attempt-finding' : ''];
    rows.push(el('tr', { className: classes.filter(Boolean).join(' '), attrs: { 'data-line': String(number) } },
      el('td', { className: 'num', text: String(number) }), code));
    for (const finding of findings) {
      rows.push(el('tr', { className: `finding-row ${String(finding.severity).toLowerCase()}`,
        attrs: { 'data-line': String(number) } },
      el('td', { className: 'num' }), el('td', { className: 'finding', text: describeFinding(finding) })));
    }
    for (const finding of earlier.byLine.get(number) ?? []) {
      const attrs = { 'data-line': String(number), 'data-attempt': String(step.number) };
      rows.push(el('tr', { className: 'attempt-row', attrs },
        el('td', { className: 'num' }), attemptFinding('td', step, finding)));
    }
  });
  $('code').tBodies[0].replaceChildren(...rows);
}

// ---- versions and diff ----

$('versions-refresh').addEventListener('click', () => loadVersions().catch(report));

async function loadVersions() {
  const capsule = state.capsule;
  if (!capsule) {
    return;
  }
  const { versions } = await api.versions(capsule.id);
  $('version-list').replaceChildren(...versions.map((version) => {
    const status = el('span', {});
    badge(status, version.status);
    const open = el('button', { className: 'link', text: `open v${version.number}`, attrs: { type: 'button' } });
    open.addEventListener('click', () => openCapsule(capsule.id, version.number).catch(report));
    return el('li', { attrs: { 'data-version': String(version.number) } },
      el('strong', { text: `v${version.number}` }), ' ', status, ' ',
      el('span', { text: `${version.message ?? ''} — ${version.author ?? ''}, ${version.createdAt ?? ''}` }), ' ', open);
  }));
  const options = (selected) => versions.map((version) => el('option', {
    text: `v${version.number}`, attrs: version.number === selected
      ? { value: String(version.number), selected: '' } : { value: String(version.number) } }));
  const last = versions.length ? versions[versions.length - 1].number : 1;
  $('diff-from').replaceChildren(...options(Math.max(1, last - 1)));
  $('diff-to').replaceChildren(...options(last));
  $('diff-compare').disabled = versions.length < 2;
  $('diff').replaceChildren();
}

$('diff-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const capsule = state.capsule;
  if (!capsule) {
    return;
  }
  try {
    const diff = await api.diff(capsule.id, $('diff-from').value, $('diff-to').value);
    const blocks = diff.files.map((file) => {
      const title = file.previousPath && file.previousPath !== file.path
        ? `${file.kind} ${file.previousPath} → ${file.path}` : `${file.kind} ${file.path}`;
      const pre = el('pre', { className: 'diff-body' });
      for (const line of diffLines(file.unifiedDiff)) {
        pre.append(el('span', { className: `diff-${line.kind}`, text: line.text }), '\n');
      }
      return el('div', { className: 'diff-file' }, el('h4', { text: title }), pre);
    });
    $('diff').replaceChildren(...(blocks.length ? blocks
      : [el('p', { className: 'muted', text: `v${diff.from} and v${diff.to} have the same files.` })]));
  } catch (error) {
    report(error);
  }
});

// ---- downloads ----

async function download(format) {
  const capsule = state.capsule;
  if (!capsule) {
    return;
  }
  try {
    const { blob, fileName } = await api.export(capsule.id, format);
    const url = URL.createObjectURL(blob);
    const link = el('a', { attrs: { href: url, download: fileName } });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    report(error);
  }
}

$('download-zip').addEventListener('click', () => download('zip'));
$('download-tar').addEventListener('click', () => download('tar.gz'));

// ---- start ----

showKeyState();
if (storage.get() !== '') {
  loadList(true);
  const match = /^#capsule=(.+)$/.exec(location.hash);
  if (match) {
    openCapsule(decodeURIComponent(match[1])).catch(report);
  }
}
