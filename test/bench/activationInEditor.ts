/**
 * Activation as VS Code itself reports it: the extension installed in a real VS Code
 * (code-server), a workspace opened, then the Running Extensions editor (Developer: Show Running
 * Extensions) read for the extension's activation time. Three cases: the sample production with
 * its script opened; a 10,000-file repository that is not a production with its README opened
 * (VS Code activates its Markdown, Emmet and other extensions at the same moment, and times each
 * by the clock, so their work shows in every one of their times; the Markdown extension's time is
 * printed beside it); and the same repository with a Fountain draft opened, which only this
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

const CASES = {
  production: { title: 'sample production, its script opened', open: 'salt-line.fountain' },
  markdown: { title: '10,000-file repository, its README opened', open: 'README.md' },
  fountain: { title: '10,000-file repository, a Fountain draft opened', open: 'draft.fountain' },
} as const;
type Case = keyof typeof CASES;

async function measure(kind: Case, run: number): Promise<{ ours: number; markdown: number | undefined }> {
  const runDir = freshRunDir(`bench-activation-${kind}-${run}`);
  const workspace = kind === 'production' ? copySampleProduction(runDir) : makeUnrelatedRepository(runDir);
  writeFileSync(path.join(workspace, 'draft.fountain'), 'INT. KITCHEN - NIGHT\n\nA kettle.\n');
  const editor = await startCodeServer(runDir, { extensionsDir: installThisExtension(runDir) });
  const browser = await launchBrowser(path.join(runDir, 'chromium-profile'));
  try {
    const { page } = browser;
    await page.goto(`${editor.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Go to File...');
    await page.keyboard.type(CASES[kind].open);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: CASES[kind].open }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: CASES[kind].open }).waitFor();
    await runCommand(page, 'Developer: Show Running Extensions');
    // The row can be drawn a moment before its activation time is filled in.
    await page
      .locator('.runtime-extensions-editor .monaco-list-row', { hasText: manifest.displayName })
      .first()
      .locator('.activation-time', { hasText: /\d\s*ms/ })
      .waitFor({ timeout: 30_000 });
    const ours = await reportedActivation(page, manifest.displayName);
    if (ours === undefined) throw new Error('no activation time shown for the extension');
    return { ours, markdown: await reportedActivation(page, 'Markdown Language Features') };
  } finally {
    await browser.close().catch(() => undefined);
    await editor.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  for (const kind of Object.keys(CASES) as Case[]) {
    const results: { ours: number; markdown: number | undefined }[] = [];
    for (let run = 0; run < RUNS; run++) results.push(await measure(kind, run));
    const ours = results.map((r) => r.ours);
    const markdown = results.flatMap((r) => (r.markdown === undefined ? [] : [r.markdown]));
    console.log(
      `${CASES[kind].title}: AI Disclosure's activation as VS Code reports it ${ours.join(', ')} ms (median ${median(ours)})` +
        (markdown.length > 0 ? `; Markdown Language Features ${markdown.join(', ')} ms` : ''),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
