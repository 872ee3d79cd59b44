/**
 * The in-editor half of a floor window of `npm run bench:first-findings`: the same production and
 * open script, with the floor extension (./extension) in place of AI Disclosure. Prints the same
 * "@@interval" and "@@bench" rows as ../firstFindings, so the two read side by side.
 */
import * as vscode from 'vscode';
import type { EditorFloorApi } from './extension';
import { onSystemClock } from '../processorShare';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<EditorFloorApi>('ai-disclosure-bench.editor-floor');
  if (!extension) throw new Error('the floor extension is not loaded');
  const { activatedAt, published } = await extension.activate();
  const publishedAt = await published;
  console.log(`@@interval ${onSystemClock(activatedAt)} ${onSystemClock(publishedAt)}`);
  console.log(
    `@@bench | floor: the script's diagnostics in the editor, from activation | ${(publishedAt - activatedAt).toFixed(0)} ms | |`,
  );
}
