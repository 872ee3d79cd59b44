/**
 * The in-editor half of `npm run bench:first-findings`: the window opened the large production with
 * a tagged script already open (as a person reopening their work, or `code script.fountain`).
 * Prints "@@bench" rows: when the script's findings reached the editor and when the whole scan
 * ended, from the extension's activation, on the extension host's clock.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiDisclosureApi } from '../../../src/vscode/extension';
import { onSystemClock } from '../processorShare';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<AiDisclosureApi>('ai-disclosure.ai-disclosure');
  if (!extension) throw new Error('the extension is not loaded');
  const entry = await extension.activate();
  await entry.whenSettled();
  const workbench = await entry.workbench();
  const script = vscode.window.visibleTextEditors.map((editor) => editor.document.uri).find((uri) => uri.path.endsWith('.fountain'));
  if (!script) throw new Error('the window did not open the script');
  const firstFindings = workbench.diagnostics.firstSentAt(script.fsPath.split(path.sep).join('/'));
  const { activatedAt, productionFoundAt, workbenchAt, scannedAt } = entry.startup;
  // For the benchmark's record of who held the cores meanwhile: the same times on the system's clock.
  console.log(`@@interval ${onSystemClock(activatedAt)} ${onSystemClock(firstFindings)}`);
  const since = (at: number | undefined) => (at === undefined ? 'not reached' : `${(at - activatedAt).toFixed(0)} ms`);
  console.log(`@@bench | ${path.basename(script.fsPath)}'s findings in the editor, from activation | ${since(firstFindings)} | 300 ms |`);
  console.log(
    `@@bench | the workspace found to be a production (a stat of its configuration file, or of the open file's sidecar), from activation | ${since(productionFoundAt)} | |`,
  );
  console.log(`@@bench | the workbench loaded and built, from activation | ${since(workbenchAt)} | |`);
  console.log(`@@bench | the first scan of the whole production done, from activation | ${since(scannedAt)} | |`);
}
