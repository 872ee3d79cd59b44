/**
 * Activation as VS Code itself reports it: the extension installed in a real VS Code
 * (code-server), a workspace opened, then the Running Extensions editor (Developer: Show Running
 * Extensions) read for the extension's activation time. Four cases: the sample production with
 * its script opened, and with its Markdown treatment opened (VS Code activates its Markdown,
 * Emmet and other extensions for that file, and times each by the clock, so their work would show
 * in every one of their times; the Markdown extension's time is printed beside ours); a
 * 10,000-file repository that is not a production with its README opened, where the extension
 * must not start at all; and the same repository with a Fountain draft opened, which only this
 * extension answers. Prints numbers; asserts nothing.
 * Usage: npm run bench:activation   (RUNS=5 for more windows per workspace)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, runCommand } from '../harness/browser';
import { installThisExtension, startCodeServer } from '../harness/codeServer';
import { copySampleProduction, freshRunDir, makeUnrelatedRepository } from '../harness/runIntegration';
import { REPO_ROOT } from '../harness/runtime';
import { median } from './statistics';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { displayName: string };
const RUNS = Number(process.env.RUNS ?? 3);

/** The activation time VS Code shows for an extension, e.g. "Activation: 3ms" → 3 (undefined: not activated). */
async function reportedActivation(page: Page, displayName: string): Promise<number | undefined> {
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
  if ((await row.count()) === 0) return undefined;
  const text = (await row.locator('.activation-time').textContent()) ?? '';
  const match = /([\d.]+)\s*ms/.exec(text);
  return match ? Number(match[1]) : undefined;
}

const MARKDOWN = 'Markdown Language Features';

/** Each case's workspace, the file opened in it, and whether this extension is to start there. */
const CASES = {
  production: { title: 'sample production, its script opened', open: 'salt-line.fountain', inProduction: true, starts: true },
  treatment: { title: 'sample production, its Markdown treatment opened', open: 'treatment.md', inProduction: true, starts: true },
  markdown: { title: '10,000-file repository, its README opened', open: 'README.md', inProduction: false, starts: false },
  fountain: { title: '10,000-file repository, a Fountain draft opened', open: 'draft.fountain', inProduction: false, starts: true },
} as const;
type Case = keyof typeof CASES;

/** Our time and the Markdown extension's, in ms; undefined for one that did not start. */
interface Reported {
  ours: number | undefined;
  markdown: number | undefined;
}

async function measure(kind: Case, run: number): Promise<Reported> {
  const runDir = freshRunDir(`bench-activation-${kind}-${run}`);
  const { open, inProduction, starts } = CASES[kind];
  const workspace = inProduction ? copySampleProduction(runDir) : makeUnrelatedRepository(runDir);
  writeFileSync(path.join(workspace, 'draft.fountain'), 'INT. KITCHEN - NIGHT\n\nA kettle.\n');
  const editor = await startCodeServer(runDir, { extensionsDir: installThisExtension(runDir) });
  const browser = await launchBrowser(path.join(runDir, 'chromium-profile'));
  try {
    const { page } = browser;
    await page.goto(`${editor.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Go to File...');
    await page.keyboard.type(open);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: open }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: open }).waitFor();
    await runCommand(page, 'Developer: Show Running Extensions');
    // The row can be drawn a moment before its activation time is filled in. Where this extension
    // is not to start (a README outside a production), wait for Markdown Language Features' row.
    await page
      .locator('.runtime-extensions-editor .monaco-list-row', { hasText: starts ? manifest.displayName : MARKDOWN })
      .first()
      .locator('.activation-time', { hasText: /\d\s*ms/ })
      .waitFor({ timeout: 30_000 });
    const ours = await reportedActivation(page, manifest.displayName);
    if (ours === undefined && starts) throw new Error('no activation time shown for the extension');
    return { ours, markdown: await reportedActivation(page, MARKDOWN) };
  } finally {
    await browser.close().catch(() => undefined);
    await editor.stop();
  }
}

async function main(): Promise<void> {
  for (const kind of Object.keys(CASES) as Case[]) {
    const results: Reported[] = [];
    for (let run = 0; run < RUNS; run++) results.push(await measure(kind, run));
    const ours = results.flatMap((r) => (r.ours === undefined ? [] : [r.ours]));
    const idle = results.length - ours.length;
    const markdown = results.flatMap((r) => (r.markdown === undefined ? [] : [r.markdown]));
    const activated = ours.length > 0 ? `${ours.join(', ')} ms (median ${median(ours)})` : 'none';
    console.log(
      `${CASES[kind].title}: AI Disclosure's activation as VS Code reports it ${activated}` +
        (idle > 0 ? `; not started in ${idle} of ${results.length} windows` : '') +
        (markdown.length > 0 ? `; ${MARKDOWN} ${markdown.join(', ')} ms` : ''),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
