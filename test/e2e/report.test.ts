/** The HTML report as a browser shows it: readable, self-contained, and inert whatever was recorded. */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { produceReport } from '../../src/core/report/produce';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { tagFile } from '../../src/core/tagging';
import { launchBrowser, Workbench } from '../harness/browser';
import { freshRunDir } from '../harness/runIntegration';
import { REPO_ROOT } from '../harness/runtime';

export const REPORT_SCREENSHOT = path.join(REPO_ROOT, 'test', 'e2e', '.run', 'screenshots', 'report.png');
const OPTIONS = { generatedAt: new Date('2026-11-25T12:00:00Z'), toolVersion: '0.0.0-test' };
const INJECTIONS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '"><svg onload="window.__pwned = \'svg\'">',
  '</td></tr></table><iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<a href="javascript:window.__pwned = \'link\'">click</a>',
];

/** Loads a report file and records everything the page tries to do on its own. */
async function open(page: Page, file: string) {
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(pathToFileURL(file).href);
  return { requests, dialogs, errors };
}

describe('HTML disclosure report in a browser', function () {
  this.timeout(120_000);
  let browser: Workbench;
  let runDir: string;

  before(async () => {
    runDir = freshRunDir('report');
    browser = await launchBrowser(path.join(runDir, 'chromium-profile'));
  });
  after(async () => browser?.close());

  it("renders the sample production's report self-contained, and saves a screenshot", async () => {
    const text = (
      await produceReport(nodeFileSystem, toPosixPath(path.join(REPO_ROOT, 'examples', 'salt-line')), 'html', OPTIONS)
    ).pieces.join('');
    const file = path.join(runDir, 'salt-line.html');
    writeFileSync(file, text);
    const page = await browser.context.newPage();
    const seen = await open(page, file);
    assert.match(await page.locator('h1').innerText(), /Salt Line/);
    assert.equal(await page.locator('h2', { hasText: 'GenAI cue sheet' }).count(), 1);
    assert.deepEqual(seen.requests, [pathToFileURL(file).href], 'nothing is fetched besides the page');
    assert.deepEqual(seen.errors, []);
    mkdirSync(path.dirname(REPORT_SCREENSHOT), { recursive: true });
    await page.setViewportSize({ width: 1200, height: 1400 });
    await page.screenshot({ path: REPORT_SCREENSHOT });
    await page.close();
  });

  it('does not run script injected through any recorded field', async () => {
    const production = path.join(runDir, 'hostile');
    mkdirSync(production, { recursive: true });
    const hostile = INJECTIONS.join(' ');
    writeFileSync(
      path.join(production, '.aidisclosure.json'),
      JSON.stringify({ production: { name: hostile, contact: hostile, preparer: hostile } }),
    );
    writeFileSync(path.join(production, 'frame.png'), 'pixels');
    await tagFile(nodeFileSystem, toPosixPath(path.join(production, 'frame.png')), {
      tool: { name: hostile, version: hostile, vendor: hostile, environment: 'consumer', retainsInputs: 'yes', trainsOnInputs: 'yes' },
      purpose: hostile,
      description: hostile,
      prompt: hostile,
      final: 'yes',
      keyCreative: 'yes',
      references: undefined,
      talent: { kind: 'voice-clone', performers: [hostile], unionCovered: 'yes', consent: { status: 'none', reference: hostile } },
      realism: { depictsReal: 'yes', presentedAsReal: 'yes', audienceDisclosure: undefined },
    } as Parameters<typeof tagFile>[2]);
    const text = (await produceReport(nodeFileSystem, toPosixPath(production), 'html', OPTIONS)).pieces.join('');
    const file = path.join(runDir, 'hostile.html');
    writeFileSync(file, text);
    const page = await browser.context.newPage();
    const seen = await open(page, file);
    // Click every link the page has: none may come from recorded text.
    for (const link of await page.locator('a').all()) await link.click({ timeout: 1000 }).catch(() => undefined);
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'no injected script ran');
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.requests, [pathToFileURL(file).href], 'no injected element fetched anything');
    assert.equal(await page.locator('script, img, svg, iframe, a').count(), 0, 'no element was created from recorded text');
    assert.ok((await page.locator('body').innerText()).includes('<script>window.__pwned = "script"</script>'), 'the text is shown as text');
    await page.close();
  });
});
