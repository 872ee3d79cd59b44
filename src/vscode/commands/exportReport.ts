import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeTextAtomic } from '../../core/fs/fileSystem';
import { REPORT_FORMATS, renderReport, ReportFormat } from '../../core/report/render';
import { checkProduction } from '../../core/workspace/check';
import { toCorePath, toUri } from '../fileSystem';
import { readSettings } from '../settings';
import { CommandContext } from './context';

const FORMAT_LABELS: Record<ReportFormat, string> = { md: 'Markdown', json: 'JSON' };

interface ExportOptions {
  format?: ReportFormat;
  output?: string;
  folder?: string;
  open?: boolean;
}

/** Exports the disclosure report for a workspace folder; returns the written path. */
export async function exportReport(context: CommandContext, given?: unknown): Promise<string | undefined> {
  const options: ExportOptions = typeof given === 'object' && given !== null && !(given instanceof vscode.Uri) ? (given as ExportOptions) : {};
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) throw new Error('Open a production folder to export its disclosure report.');
  const folder = options.folder ?? (folders.length === 1 ? toCorePath(folders[0].uri) : await pickFolder());
  if (!folder) return undefined;
  const format = options.format ?? (await pickFormat(readSettings().reportFormat));
  if (!format) return undefined;
  let output = options.output;
  if (!output) {
    const chosen = await vscode.window.showSaveDialog({ defaultUri: toUri(path.posix.join(folder, `disclosure-report.${format}`)), filters: { [FORMAT_LABELS[format]]: [format] }, saveLabel: 'Export report' });
    if (!chosen) return undefined;
    output = toCorePath(chosen);
  }
  const target = output;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting the AI disclosure report…' }, async () => {
    const result = await checkProduction(context.fs, folder);
    const text = renderReport(result, format, { generatedAt: new Date(), displayPath: (file) => path.posix.relative(folder, file) });
    await writeTextAtomic(context.fs, target, text);
    context.log(`Exported a ${format} report of ${result.uses.length} uses to ${target}`);
  });
  if (options.open !== false) {
    if (format === 'md') await vscode.commands.executeCommand('markdown.showPreview', toUri(target));
    else await vscode.window.showTextDocument(toUri(target), { preview: true });
  }
  return target;
}

async function pickFolder(): Promise<string | undefined> {
  const chosen = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which production folder?' });
  return chosen ? toCorePath(chosen.uri) : undefined;
}

async function pickFormat(preferred: ReportFormat): Promise<ReportFormat | undefined> {
  const items = REPORT_FORMATS.map((format) => ({ label: FORMAT_LABELS[format], description: format === preferred ? 'default' : undefined, value: format }));
  items.sort((a, b) => Number(b.value === preferred) - Number(a.value === preferred));
  return (await vscode.window.showQuickPick(items, { title: 'Export disclosure report: format' }))?.value;
}
