import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeTextAtomic } from '../../core/fs/fileSystem';
import { ConfigError } from '../../core/config/config';
import { pendingWork } from '../../core/pendingWork';
import { renderCheckedReport } from '../../core/report/produce';
import { loadPreviousReport } from '../../core/report/changes';
import { CheckResult } from '../../core/workspace/check';
import { checkProduction } from '../../core/workspace/production';
import { REPORT_FORMATS, ReportFormat } from '../../core/report/render';
import { isScriptPath } from '../../core/sidecar/paths';
import { toCorePath, toUri } from '../fileSystem';
import { readSettings } from '../settings';
import { CommandContext, given } from './context';

const FORMAT_LABELS: Record<ReportFormat, { label: string; detail: string }> = {
  html: { label: 'HTML', detail: 'Printable page to attach to an email; opens in a preview' },
  md: { label: 'Markdown', detail: 'Readable text for a wiki or a pull request' },
  csv: { label: 'CSV', detail: 'One row per use, for a spreadsheet' },
  json: { label: 'JSON', detail: 'The report as data, with a published schema' },
  sarif: { label: 'SARIF 2.1.0', detail: 'Findings for code-scanning tools' },
};

/** What a caller (a keybinding, a test) may settle instead of the prompts. */
export interface ExportOptions {
  format?: ReportFormat;
  output?: string;
  /** Production root; defaults to the workspace folder of the scope. */
  folder?: string;
  /** 'workspace', 'script' (the active script only) or folders to restrict to. */
  scope?: 'workspace' | 'script' | string[];
  /** An earlier JSON report: the new one also lists what changed since (`null`: do not ask). */
  since?: string | null;
  open?: boolean;
}

interface Scope {
  root: string;
  label: string;
  inScope?: (file: string) => boolean;
}

function within(folder: string): (file: string) => boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return (file) => file === folder || file.startsWith(prefix);
}

function rootOf(file: string): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(toUri(file));
  return folder ? toCorePath(folder.uri) : undefined;
}

async function chooseScope(options: ExportOptions, explorerSelection: vscode.Uri[]): Promise<Scope | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) throw new Error('Open a production folder to export its disclosure report.');
  const script = vscode.window.activeTextEditor?.document.uri;
  const scriptPath = script?.scheme === 'file' && isScriptPath(toCorePath(script)) ? toCorePath(script) : undefined;
  const selected = Array.isArray(options.scope) ? options.scope : explorerSelection.map(toCorePath);

  let choice = Array.isArray(options.scope) ? 'folders' : options.scope;
  if (!choice) {
    const items = [
      { label: 'Whole production', description: folders.length === 1 ? folders[0].name : 'a workspace folder', value: 'workspace' },
      ...(selected.length > 0
        ? [{ label: 'Selected folders', description: selected.map((f) => path.posix.basename(f)).join(', '), value: 'folders' }]
        : []),
      ...(scriptPath ? [{ label: 'Open script only', description: path.posix.basename(scriptPath), value: 'script' }] : []),
    ];
    choice =
      items.length === 1
        ? 'workspace'
        : (await vscode.window.showQuickPick(items, { title: 'Export disclosure report: what should it cover?' }))?.value;
    if (!choice) return undefined;
  }
  if (choice === 'script') {
    if (!scriptPath) throw new Error('Open a script to export a report for it alone.');
    return {
      root: options.folder ?? rootOf(scriptPath) ?? path.posix.dirname(scriptPath),
      label: path.posix.basename(scriptPath),
      inScope: (file) => file === scriptPath || file === `${scriptPath}.ai.json`,
    };
  }
  if (choice === 'folders') {
    if (selected.length === 0) throw new Error('Select folders in the Explorer to export a report for them.');
    const root = options.folder ?? rootOf(selected[0]) ?? selected[0];
    const tests = selected.map(within);
    return { root, label: selected.map((f) => path.posix.basename(f)).join(', '), inScope: (file) => tests.some((t) => t(file)) };
  }
  const root = options.folder ?? (folders.length === 1 ? toCorePath(folders[0].uri) : await pickFolder());
  return root ? { root, label: path.posix.basename(root) } : undefined;
}

/**
 * What the report shows: the live model's checks of a workspace folder, once every pending
 * re-check is done (so unsaved, followed passages are placed as the person sees them); a folder
 * the model does not follow is checked afresh, with the model's caches. Configuration errors
 * stop an export, as they stop the CLI.
 */
async function checkedForExport(context: CommandContext, root: string): Promise<CheckResult> {
  await context.index.whenReady();
  await pendingWork.whenIdle();
  if (!context.index.isProductionRoot(root)) return checkProduction(context.fs, root, context.index.checkCachesFor(root));
  const result = await context.index.resultFor(root);
  // A warning (a pack not loaded without workspace trust) is shown where it is; errors stop the export.
  const errors = result.config.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new ConfigError(errors);
  return result;
}

/** Exports the disclosure report; returns the written path, or undefined when the person cancels. */
export async function exportReport(context: CommandContext, first?: unknown, selection?: unknown): Promise<string | undefined> {
  const options: ExportOptions = given<ExportOptions>(first) ?? {};
  const explorerSelection = (Array.isArray(selection) ? selection : first instanceof vscode.Uri ? [first] : []).filter(
    (u): u is vscode.Uri => u instanceof vscode.Uri,
  );
  const scope = await chooseScope(options, explorerSelection);
  if (!scope) return undefined;
  const format = options.format ?? (await pickFormat(readSettings().reportFormat));
  if (!format) return undefined;
  // A caller that names the output (a keybinding, a test) is not asked; a person is.
  const sincePath = options.since !== undefined ? options.since : options.output ? null : await pickEarlierReport(scope.root);
  if (sincePath === undefined) return undefined;
  const since = sincePath === null ? undefined : await loadPreviousReport(context.fs, sincePath);
  let output = options.output;
  if (!output) {
    const chosen = await vscode.window.showSaveDialog({
      defaultUri: toUri(path.posix.join(scope.root, `disclosure-report.${format}`)),
      filters: { [FORMAT_LABELS[format].label]: [format] },
      saveLabel: 'Export report',
    });
    if (!chosen) return undefined;
    output = toCorePath(chosen);
  }
  const target = output;
  const uses = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting the AI disclosure report for ${scope.label}…` },
    async () => {
      const produced = await renderCheckedReport(await checkedForExport(context, scope.root), format, {
        generatedAt: new Date(),
        toolVersion: context.version,
        scope: scope.inScope,
        since,
      });
      await writeTextAtomic(context.fs, target, produced.pieces);
      return produced.report.summary.uses;
    },
  );
  context.log(`Exported a ${format} report of ${uses} uses (${scope.label}) to ${target}`);
  if (options.open !== false) await openReport(target, format);
  return target;
}

/** The tab showing each exported HTML report, by file. */
const reportPanels = new Map<string, vscode.WebviewPanel>();

async function openReport(file: string, format: ReportFormat): Promise<void> {
  const uri = toUri(file);
  if (format === 'md') {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } else if (format === 'html') {
    // Exporting to the same file again shows the new report in the tab already showing it.
    let panel = reportPanels.get(file);
    if (panel) panel.reveal();
    else {
      // The report carries recorded text from sidecars: no scripts, no resources, nothing to fetch.
      const opened = vscode.window.createWebviewPanel('aiDisclosure.report', path.posix.basename(file), vscode.ViewColumn.Active, {
        enableScripts: false,
        enableForms: false,
        localResourceRoots: [],
      });
      reportPanels.set(file, opened);
      opened.onDidDispose(() => reportPanels.delete(file));
      panel = opened;
    }
    panel.webview.html = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } else {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

/**
 * Whether the report also lists what changed since an earlier one (a JSON report sent before):
 * its path, `null` for the report alone, `undefined` when the person cancels.
 */
async function pickEarlierReport(root: string): Promise<string | null | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'The report alone', detail: 'Every recorded use, as it stands', since: false },
      {
        label: 'The report, with what changed since an earlier one…',
        detail: 'Also lists uses added, removed and changed since a JSON report you exported before',
        since: true,
      },
    ],
    { title: 'Export disclosure report: changes since an earlier report?' },
  );
  if (!choice) return undefined;
  if (!choice.since) return null;
  const [picked] =
    (await vscode.window.showOpenDialog({
      defaultUri: toUri(root),
      filters: { 'JSON disclosure report': ['json'] },
      openLabel: 'Compare with this report',
      title: 'The earlier JSON disclosure report',
    })) ?? [];
  return picked ? toCorePath(picked) : undefined;
}

async function pickFolder(): Promise<string | undefined> {
  const chosen = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which production folder?' });
  return chosen ? toCorePath(chosen.uri) : undefined;
}

async function pickFormat(preferred: ReportFormat): Promise<ReportFormat | undefined> {
  const items = REPORT_FORMATS.map((format) => ({
    ...FORMAT_LABELS[format],
    description: format === preferred ? 'default' : undefined,
    value: format,
  }));
  items.sort((a, b) => Number(b.value === preferred) - Number(a.value === preferred));
  return (await vscode.window.showQuickPick(items, { title: 'Export disclosure report: format' }))?.value;
}
