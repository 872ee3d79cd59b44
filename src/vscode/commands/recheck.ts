import * as vscode from 'vscode';
import { plural } from '../../core/lists';
import { CommandContext } from './context';

/** How long the result of a re-check stays in the status bar. */
const RESULT_SHOWN_MS = 8_000;

/**
 * `aiDisclosure.recheck`: scans and checks the whole production again, with progress in the status
 * bar and its result there after: how many uses and findings, so the person sees it was done.
 */
export async function recheckProduction(context: CommandContext): Promise<void> {
  const started = Date.now();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AI Disclosure: re-checking the production' }, () =>
    context.index.rescan(),
  );
  const { uses, findings } = context.index;
  const bySeverity = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  const summary = `${plural(uses.length, 'AI use')}, ${plural(bySeverity('error'), 'error')}, ${plural(bySeverity('warning'), 'warning')}`;
  context.log(`Re-checked the production in ${Date.now() - started} ms: ${summary}`);
  vscode.window.setStatusBarMessage(`$(check) AI Disclosure re-checked: ${summary}`, RESULT_SHOWN_MS);
}
