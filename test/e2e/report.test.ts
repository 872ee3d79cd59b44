/** The HTML report as a browser shows it: readable, self-contained, and inert whatever was recorded. */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
/**
 * Words in table cells that the layout split over two lines anywhere but after a hyphen or a slash
 * (where typesetting breaks too): run in the page.
 */
const BROKEN_WORDS = `(() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        let previousTop;
        for (let i = 0; i < match[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, match.index + i);
          range.setEnd(node, match.index + i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          if (previousTop !== undefined && top !== previousTop && !'-/'.includes(match[0][i - 1])) broken.push(match[0]);
          previousTop = top;
        }
      }
    }
  }
  return broken;
})()`;
const INJECTIONS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '"><svg onload="window.__pwned = \'svg\'">',
  '</td></tr></table><iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<a href="javascript:window.__pwned = \'link\'">click</a>',
];

/** The sample production's HTML report, written to `file`. */
async function sampleReport(file: string): Promise<string> {
  const produced = await produceReport(nodeFileSystem, toPosixPath(path.join(REPO_ROOT, 'examples', 'salt-line')), 'html', OPTIONS);
  writeFileSync(file, produced.pieces.join(''));
  return file;
}

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
    const file = await sampleReport(path.join(runDir, 'salt-line.html'));
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

  it('prints to PDF on A4 and Letter with nothing cut off and no word broken', async () => {
    const file = await sampleReport(path.join(runDir, 'salt-line-print.html'));
    const page = await browser.context.newPage();
    await open(page, file);
    await page.emulateMedia({ media: 'print' });
    // The page's width less its @page margins (12 mm each side), in CSS pixels.
    for (const [format, widthMm] of [
      ['A4', 210],
      ['Letter', 215.9],
    ] as const) {
      const contentWidth = Math.floor(((widthMm - 24) * 96) / 25.4);
      await page.setViewportSize({ width: contentWidth, height: 1000 });
      const overflow = await page.evaluate('document.documentElement.scrollWidth');
      assert.ok(Number(overflow) <= contentWidth, `${format}: the content is ${String(overflow)} px wide in ${contentWidth} px`);
      const broken = await page.evaluate(BROKEN_WORDS);
      assert.deepEqual(broken, [], `${format}: words broken across lines`);
      const pdf = path.join(path.dirname(REPORT_SCREENSHOT), `report-${format.toLowerCase()}.pdf`);
      await page.pdf({ path: pdf, format, printBackground: true });
      const pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.ok(pages >= 2 && pages <= 8, `${format}: ${pages} pages`);
    }
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
