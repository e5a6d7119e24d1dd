import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './static-path.mjs';

const {
  describeAttempt, describeEvent, describeFinding, diffLines, findingCounts, findingsForFile, statusClass,
  unplacedFindings,
} = await pageModule('app/view-model.js');

const GREETER = 'src/main/java/demo/Greeter.java';
const VALIDATION = {
  stages: [
    { name: 'syntax', passed: true, findings: [] },
    {
      name: 'compile',
      passed: false,
      findings: [
        { stage: 'compile', severity: 'WARNING', file: GREETER, line: 9, column: 5, rule: 'w', message: 'unused' },
        { stage: 'compile', severity: 'ERROR', file: GREETER, line: 9, column: 28, rule: 'compiler.err.cant.resolve',
          message: 'cannot find symbol' },
        { stage: 'compile', severity: 'ERROR', file: GREETER, line: 0, column: 0, rule: 'r', message: 'whole file' },
        { stage: 'compile', severity: 'ERROR', file: null, line: 0, column: 0, rule: 'r', message: 'no file' },
        { stage: 'compile', severity: 'ERROR', file: 'gone.java', line: 1, column: 0, rule: 'r', message: 'gone' },
      ],
    },
  ],
};

test('should_place_findings_on_their_lines_errors_first_when_grouping_a_file', () => {
  const { byLine, fileLevel } = findingsForFile(VALIDATION, GREETER);
  assert.deepEqual([...byLine.keys()], [9]);
  assert.deepEqual(byLine.get(9).map((f) => f.severity), ['ERROR', 'WARNING']);
  assert.deepEqual(fileLevel.map((f) => f.message), ['whole file']);
  assert.equal(findingsForFile(VALIDATION, 'other.java').byLine.size, 0);
  assert.equal(findingsForFile(undefined, GREETER).byLine.size, 0);
});

test('should_list_findings_without_a_known_file_and_count_the_rest_per_file', () => {
  assert.deepEqual(unplacedFindings(VALIDATION, [GREETER]).map((f) => f.message), ['no file', 'gone']);
  assert.equal(findingCounts(VALIDATION).get(GREETER), 3);
});

test('should_describe_findings_events_and_attempts_in_one_line', () => {
  assert.equal(describeFinding(VALIDATION.stages[1].findings[1]),
    'ERROR compile 9:28 cannot find symbol (compiler.err.cant.resolve)');
  assert.equal(describeEvent({ sequence: 8, stage: 'REPAIR', tier: 'T0', attempt: 1, message: 'asking for a repair' }),
    '#8 · REPAIR · attempt 1 · T0 — asking for a repair');
  assert.equal(describeEvent({ sequence: 1, stage: 'ROUTE', attempt: 0, message: 'routing' }), '#1 · ROUTE — routing');
  assert.equal(describeAttempt({ number: 1, tier: 'T0', passed: false, errorCount: 1, reason: 'initial' }),
    'Attempt 1 on T0: failed with 1 error — initial');
  assert.equal(describeAttempt({ number: 2, tier: 'T1', passed: true, errorCount: 0, reason: '' }),
    'Attempt 2 on T1: passed');
});

test('should_classify_unified_diff_lines', () => {
  const diff = '--- a/x (version 1)\n+++ b/x (version 2)\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n\\ No newline at end of file\n';
  assert.deepEqual(diffLines(diff).map((l) => l.kind), ['meta', 'meta', 'hunk', 'context', 'del', 'add', 'meta']);
  assert.deepEqual(diffLines(''), []);
});

test('should_pick_a_badge_class_for_each_status', () => {
  assert.equal(statusClass('VALIDATED'), 'ok');
  assert.equal(statusClass('RUNNING'), 'running');
  assert.equal(statusClass('FAILED_VALIDATION'), 'bad');
  assert.equal(statusClass('NO_PROGRESS'), 'bad');
});
