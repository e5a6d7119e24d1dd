// The web page end to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): key entry,
// a Java request watched live over SSE through a repair to VALIDATED, the attempts' timeline with the failed
// attempt's finding under its line, a highlighted file, findings under their line, a version made through the API
// compared in the page, and zip / tar.gz downloads.
//
// Started by scripts/browser-test.sh, which sets QLP_BASE_URL, QLP_API_KEY and QLP_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BROKEN_LINE, GREETER_PATH as GREETER } from '../answers.mjs';

const BASE = process.env.QLP_BASE_URL;
const KEY = process.env.QLP_API_KEY;
const ARTIFACTS = process.env.QLP_ARTIFACTS ?? join(tmpdir(), 'qlp-browser-artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SLOW = 240_000; // a validation compiles and runs JUnit in fresh JVMs; shared CI cores are slow

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

assert.ok(BASE && KEY, 'QLP_BASE_URL and QLP_API_KEY must be set (run scripts/browser-test.sh)');
mkdirSync(ARTIFACTS, { recursive: true });

async function api(method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { 'X-API-Key': KEY, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json() };
}

const texts = (page, selector) => page.locator(selector).allTextContents();

test('the web page drives the API end to end', { timeout: 900_000 }, async (t) => {
  const profile = mkdtempSync(join(tmpdir(), 'qlp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
  });
  const problems = [];
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The wrong key below fails one request on purpose; anything else (a CSP refusal too) is a problem.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  const shot = (name, locator) => (locator ?? page).screenshot({ path: join(ARTIFACTS, name), fullPage: !locator });

  try {
    await t.test('the page loads under its Content Security Policy and asks for a key', async () => {
      const response = await page.goto(`${BASE}/`);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-security-policy'], /^default-src 'self'; script-src 'self';/);
      await page.locator('#key-form').waitFor();
      await page.locator('#notice', { hasText: 'Enter an API key' }).waitFor();
      await shot('01-key.png');
    });

    await t.test('a wrong key is refused and forgotten', async () => {
      await page.fill('#api-key', 'not-the-key');
      await page.click('#key-save');
      await page.locator('#notice', { hasText: '401 unauthenticated' }).waitFor();
      await page.locator('#key-form').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('qlp.apiKey')), null);
    });

    await t.test('the key is entered once, kept in session storage and never in the address', async () => {
      await page.fill('#api-key', KEY);
      await page.click('#key-save');
      await page.locator('#key-set').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('qlp.apiKey')), KEY);
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      assert.equal(await page.inputValue('#api-key'), '');
      assert.ok(!page.url().includes(KEY));
    });

    let repairedId;
    await t.test('a Java request shows live progress through a repair and ends VALIDATED', async () => {
      await page.fill('#description', 'A Java greeter with a JUnit 5 test, needs-repair');
      await page.selectOption('#language', 'java');
      await page.click('#generate');
      // Live: events are on the page while the run is still going.
      await page.waitForFunction(() => document.querySelectorAll('#progress li').length > 0
        && document.getElementById('progress-state').textContent === 'RUNNING', null, { timeout: 60_000 });
      await shot('02-progress.png');
      await page.waitForFunction(() => document.getElementById('progress-state').textContent !== 'RUNNING', null,
        { timeout: SLOW });
      assert.equal(await page.textContent('#progress-state'), 'VALIDATED', await page.textContent('#notice'));
      await page.locator('#capsule-status', { hasText: /^VALIDATED$/ }).waitFor();
      repairedId = await page.textContent('#capsule-id');
      assert.equal(await page.textContent('#progress-id'), repairedId);
      assert.ok(!page.url().includes(KEY));

      const sequences = (await page.locator('#progress li[data-sequence]').evaluateAll(
        (items) => items.map((item) => Number(item.dataset.sequence))));
      assert.deepEqual(sequences, sequences.map((_, index) => index + 1), 'every event once, in order');
      const stages = await page.locator('#progress li[data-stage]').evaluateAll(
        (items) => items.map((item) => item.dataset.stage));
      for (const stage of ['ROUTE', 'GENERATE', 'VALIDATE', 'REPAIR', 'STORE', 'DONE']) {
        assert.ok(stages.includes(stage), `stage ${stage} in ${stages}`);
      }
      assert.equal(await page.textContent('#progress-state'), 'VALIDATED');
      await shot('03-validated.png');
    });

    await t.test('the timeline: attempt 1 failed, its compile finding under its line; attempt 2 passed', async () => {
      const steps = page.locator('#attempts li.step');
      assert.equal(await steps.count(), 2);
      const [first, second] = [steps.nth(0), steps.nth(1)];
      assert.equal(await first.getAttribute('data-passed'), 'false');
      assert.equal(await first.locator('.step-title').textContent(), 'Attempt 1');
      assert.equal(await first.locator('.step-tier').textContent(), 'T0');
      assert.equal(await first.locator('.step-outcome').textContent(), 'failed · 1 error');
      assert.ok((await first.locator('.step-reason').textContent()).length > 0, 'attempt 1 says why its tier');
      assert.match(await first.getAttribute('title'), /^Attempt 1 on T0: failed with 1 error/);
      assert.equal(await second.getAttribute('data-passed'), 'true');
      assert.equal(await second.locator('.step-title').textContent(), 'Attempt 2');
      assert.equal(await second.locator('.step-outcome').textContent(), 'passed');
      assert.equal(await second.locator('.step-toggle').count(), 0, 'a passed attempt has no findings to show');
      assert.ok(await page.locator('#attempt-detail').isHidden());
      assert.equal(await page.locator('#code tr.attempt-row').count(), 0, 'nothing from attempt 1 until asked');

      await first.locator('.step-toggle').click();
      await page.locator('#attempt-detail').waitFor();
      assert.equal(await first.locator('.step-toggle').getAttribute('aria-pressed'), 'true');
      assert.equal(await page.textContent('#attempt-detail-title'), 'Attempt 1 (T0): failed · 1 error');
      assert.match(await page.textContent('#attempt-detail-note'),
        /from attempt 1\. The repair may have changed the code since/);
      const listed = page.locator('#attempt-findings li');
      assert.equal(await listed.count(), 1);
      assert.equal(await listed.locator('.where').textContent(), `${GREETER}:${BROKEN_LINE}:28`);
      assert.match(await listed.textContent(), new RegExp(`ERROR compile ${BROKEN_LINE}:28 cannot find symbol`));

      // The greeter exists in the capsule now, so the finding sits under its line, labelled with its attempt.
      assert.equal(await page.textContent('#file-name'), GREETER);
      const row = page.locator(`#code tr.attempt-row[data-line="${BROKEN_LINE}"][data-attempt="1"]`);
      assert.equal(await row.count(), 1);
      assert.equal(await row.locator('.attempt-label').textContent(), 'attempt 1');
      assert.match(await row.textContent(),
        new RegExp(`^attempt 1 ERROR compile ${BROKEN_LINE}:28 cannot find symbol`));
      assert.equal(await row.evaluate((node) => node.previousElementSibling.dataset.line), String(BROKEN_LINE));
      assert.match(await page.getAttribute(`#code tr.line[data-line="${BROKEN_LINE}"]`, 'class'),
        /has-attempt-finding/);
      assert.equal(await page.locator('#code tr.attempt-row').count(), 1);
      assert.equal(await page.locator('#code tr.finding-row').count(), 0,
        'the validated code has no findings of its own');
      assert.equal(await page.textContent(`#file-list button[data-path="${GREETER}"] .attempt-count`), 'attempt 1: 1');
      await row.scrollIntoViewIfNeeded();
      await shot('04-attempts.png', page.locator('#capsule-panel'));

      await first.locator('.step-toggle').click();
      assert.ok(await page.locator('#attempt-detail').isHidden());
      assert.equal(await page.locator('#code tr.attempt-row').count(), 0);
      assert.equal(await page.locator('#file-list .attempt-count').count(), 0);
    });

    await t.test('a file opens with syntax highlighting', async () => {
      await page.click(`#file-list button[data-path="${GREETER}"]`);
      assert.equal(await page.textContent('#file-name'), GREETER);
      assert.equal(await page.locator('#code tr.line').count(), 11);
      const keywords = await texts(page, '#code .tok-keyword');
      for (const keyword of ['package', 'public', 'final', 'class', 'static', 'return']) {
        assert.ok(keywords.includes(keyword), `keyword ${keyword} in ${keywords}`);
      }
      assert.deepEqual(await texts(page, '#code .tok-string'), ['"Hello, "']);
      assert.deepEqual(await texts(page, '#code .tok-comment'), ['/** Greets people by name. */']);
      assert.ok((await texts(page, '#code .tok-type')).includes('Greeter'));
      assert.equal(await page.locator('#code tr.finding-row').count(), 0, 'a validated file has no findings');
      await shot('05-file.png', page.locator('#capsule-panel'));
    });

    await t.test('the capsule downloads as zip and as tar.gz', async () => {
      for (const [button, file, magic] of [['#download-zip', 'capsule.zip', [0x50, 0x4b, 0x03, 0x04]],
        ['#download-tar', 'capsule.tar.gz', [0x1f, 0x8b]]]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
        const path = join(ARTIFACTS, file);
        await download.saveAs(path);
        const bytes = readFileSync(path);
        assert.deepEqual([...bytes.subarray(0, magic.length)], magic, `${file} starts like its format`);
        assert.ok(download.suggestedFilename().endsWith(file.slice(file.indexOf('.'))), download.suggestedFilename());
        if (file.endsWith('.zip')) {
          assert.ok(bytes.includes(Buffer.from(GREETER)), 'the zip lists the greeter');
        }
      }
    });

    await t.test('a version made through the API is compared in the page', async () => {
      const capsule = await api('GET', `/v1/capsule/${encodeURIComponent(repairedId)}`);
      const greeter = capsule.json.files.find((file) => file.path === GREETER).content;
      const changed = greeter.replace(/\n}\n$/, '\n\n    public static String greetAll(String first, String second) {\n'
        + '        return greet(first) + " and " + second;\n    }\n}\n');
      const created = await api('POST', `/v1/capsule/${encodeURIComponent(repairedId)}/version`, {
        baseVersion: 1, message: 'greet two people', author: 'browser-test',
        changes: [{ op: 'modify', path: GREETER, content: changed }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));

      await page.click('#versions-refresh');
      await page.locator('#version-list li').nth(1).waitFor();
      assert.equal(await page.inputValue('#diff-from'), '1');
      assert.equal(await page.inputValue('#diff-to'), '2');
      await page.click('#diff-compare');
      await page.locator('#diff .diff-file h4').first().waitFor();
      assert.equal(await page.textContent('#diff .diff-file h4'), `MODIFIED ${GREETER}`);
      const added = await texts(page, '#diff .diff-add');
      assert.ok(added.some((line) => line.includes('public static String greetAll(String first, String second)')),
        added.join('\n'));
      assert.ok((await texts(page, '#diff .diff-hunk')).length > 0);
      await page.locator('#diff').scrollIntoViewIfNeeded();
      await shot('06-diff.png');
    });

    await t.test('findings of a failed capsule sit under their line, and markup in a request stays text', async () => {
      const description = 'A Java greeter, always-broken <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
      await page.fill('#description', description);
      await page.click('#generate');
      await page.waitForFunction((previous) => {
        const id = document.getElementById('capsule-id').textContent;
        return (id !== previous && id === document.getElementById('progress-id').textContent)
          || document.getElementById('progress-state').textContent === 'FAILED';
      }, repairedId, { timeout: SLOW });
      assert.notEqual(await page.textContent('#progress-state'), 'FAILED', await page.textContent('#notice'));
      const status = await page.textContent('#capsule-status');
      assert.ok(['FAILED_VALIDATION', 'NO_PROGRESS'].includes(status), status);
      assert.match(await page.getAttribute('#capsule-status', 'class'), /\bbad\b/);

      // The file with findings opens by itself; the compiler's error is right under its line.
      assert.equal(await page.textContent('#file-name'), GREETER);
      const row = page.locator(`#code tr.finding-row[data-line="${BROKEN_LINE}"]`);
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), new RegExp(`^ERROR compile ${BROKEN_LINE}:28 cannot find symbol`));
      assert.equal(await row.evaluate((node) => node.previousElementSibling.dataset.line), String(BROKEN_LINE));
      assert.match(await page.getAttribute(`#code tr.line[data-line="${BROKEN_LINE}"]`, 'class'), /has-finding/);
      assert.ok((await texts(page, '#stages li.bad')).some((line) => line.startsWith('compile: failed')));
      assert.ok((await texts(page, '#file-list .count')).includes('1 finding'));

      assert.equal(await page.textContent('#capsule-description'), description);
      assert.equal(await page.locator('#capsule-description *').count(), 0);
      assert.equal(await page.locator('#capsule-list img, #capsule-list script').count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);

      // Both attempts failed; attempt 1's finding shows beside the final one, each labelled for what it is.
      const steps = page.locator('#attempts li.step');
      assert.deepEqual(await steps.evaluateAll((items) => items.map((item) => item.dataset.passed)),
        ['false', 'false']);
      await steps.nth(0).locator('.step-toggle').click();
      const earlier = page.locator(`#code tr.attempt-row[data-line="${BROKEN_LINE}"]`);
      await earlier.waitFor();
      assert.match(await earlier.textContent(), /^attempt 1 ERROR compile/);
      assert.equal(await row.count(), 1, 'the final finding stays');
      assert.equal(await page.locator('#attempt-findings img, #attempt-findings script').count(), 0);
      await row.scrollIntoViewIfNeeded();
      await shot('07-findings.png');
    });

    await t.test('a reload keeps the key for this tab and reopens the capsule', async () => {
      const current = await page.textContent('#capsule-id');
      await page.reload();
      await page.locator('#key-set').waitFor();
      await page.locator('#capsule-id', { hasText: current }).waitFor();
      assert.ok((await page.locator('#capsule-list li').count()) >= 2);
    });

    assert.deepEqual(problems, [], 'no script errors and no Content Security Policy refusals');
  } finally {
    await shot('99-last.png').catch(() => {});
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
