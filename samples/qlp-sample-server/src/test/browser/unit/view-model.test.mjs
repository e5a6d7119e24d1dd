import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './static-path.mjs';

const {
  attemptSteps, countByFile, describeAttempt, describeEvent, describeFinding, diffLines, findingCounts, findingLocation,
  findingsForFile, groupByLine, placeFindings, statusClass, unplacedFindings,
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

const COMPILE_ERROR = { stage: 'compile', severity: 'ERROR', file: GREETER, line: 9, column: 28,
  rule: 'compiler.err.cant.resolve', message: 'cannot find symbol' };
const ATTEMPTS = [
  { number: 2, tier: 'T0', passed: true, errorCount: 0, reason: 'repair after 1 error', errors: [] },
  { number: 1, tier: 'T0', passed: false, errorCount: 3, reason: 'initial route: simple request', errors: [
    COMPILE_ERROR,
    { stage: 'compile', severity: 'ERROR', file: 'src/main/java/demo/Old.java', line: 2, column: 1, rule: 'r',
      message: 'in a file the repair removed' },
    { severity: 'ERROR', file: null, line: 0, column: 0, rule: 'r', message: 'no file' },
  ] },
];

test('should_order_attempts_and_describe_each_step_when_building_the_timeline', () => {
  const steps = attemptSteps(ATTEMPTS);
  assert.deepEqual(steps.map((s) => [s.number, s.tier, s.passed, s.outcome, s.canShow]),
    [[1, 'T0', false, 'failed · 3 errors', true], [2, 'T0', true, 'passed', false]]);
  assert.equal(steps[0].reason, 'initial route: simple request');
  assert.equal(steps[0].findings.length, 3);
  assert.equal(steps[0].findings[2].stage, '', 'a finding without a stage still describes cleanly');
  assert.equal(steps[0].kept, '');
  assert.equal(describeFinding(steps[0].findings[2]), 'ERROR no file (r)');
  assert.deepEqual(attemptSteps(undefined), []);
});

test('should_say_how_many_findings_were_kept_when_an_attempt_counted_more_or_kept_none', () => {
  const many = Array.from({ length: 20 }, (_, index) => ({ ...COMPILE_ERROR, line: index + 1 }));
  const [capped, old, last] = attemptSteps([
    { number: 1, tier: 'T0', passed: false, errorCount: 35, reason: 'initial', errors: many },
    { number: 2, tier: 'T1', passed: false, errorCount: 1, reason: 'escalated' },
    { number: 3, tier: 'T1', passed: false, errorCount: 2, reason: 'same files again', errors: [] },
  ]);
  assert.equal(capped.kept, 'first 20 of 35 kept');
  assert.equal(capped.canShow, true);
  assert.equal(old.kept, 'findings not kept', 'capsules written before errors were kept');
  assert.equal(old.canShow, false);
  assert.equal(old.outcome, 'failed · 1 error');
  assert.equal(last.kept, 'its findings are under Validation', 'the report is the last attempt\'s');
  assert.equal(last.canShow, false);
});

test('should_split_an_attempts_findings_by_whether_their_file_is_in_the_capsule_now', () => {
  const [step] = attemptSteps(ATTEMPTS);
  const { placed, unplaced } = placeFindings(step.findings, [GREETER, 'src/test/java/demo/GreeterTest.java']);
  assert.deepEqual(placed.map((f) => f.message), ['cannot find symbol']);
  assert.deepEqual(unplaced.map((f) => f.message), ['in a file the repair removed', 'no file']);
  assert.deepEqual([...countByFile(step.findings)], [[GREETER, 1], ['src/main/java/demo/Old.java', 1]]);
});

test('should_move_an_earlier_attempts_finding_to_the_file_level_when_its_line_is_past_the_end_now', () => {
  const findings = [COMPILE_ERROR, { ...COMPILE_ERROR, line: 40, message: 'past the end' }];
  const placed = groupByLine(findings, GREETER, 11);
  assert.deepEqual([...placed.byLine.keys()], [9]);
  assert.deepEqual(placed.fileLevel.map((f) => f.message), ['past the end']);
  assert.equal(groupByLine(findings, GREETER).byLine.size, 2, 'no line count: every line is kept');
  assert.equal(groupByLine(undefined, GREETER).byLine.size, 0);
});

test('should_name_where_a_finding_points', () => {
  assert.equal(findingLocation(COMPILE_ERROR), `${GREETER}:9:28`);
  assert.equal(findingLocation({ ...COMPILE_ERROR, column: 0 }), `${GREETER}:9`);
  assert.equal(findingLocation({ ...COMPILE_ERROR, line: 0, column: 0 }), GREETER);
  assert.equal(findingLocation({ file: null, line: 3 }), '(no file)');
});
