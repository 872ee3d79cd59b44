import * as vscode from 'vscode';
import { isScriptPath } from '../core/sidecar/paths';
import { FixProvider } from './codeActions';
import * as fixes from './commands/fixes';
import { CommandContext } from './commands/context';
import { exportReport } from './commands/exportReport';
import { tagFiles, tagScene, tagSelection } from './commands/tag';
import { COMMANDS, SCRIPT_LANGUAGES } from './constants';
import { DiagnosticsPublisher } from './diagnostics';
import { TaggedPassageDecorations } from './decorations';
import { TaggedFileBadges } from './fileBadges';
import { editorFileSystem, toCorePath } from './fileSystem';
import { TaggedPassageHover } from './hover';
import { describe, ProductionIndex } from './productionIndex';
import { revealUse, USES_VIEW_ID, UsesStatusBar, UsesView } from './usesView';

/** What activate() hands back: the live model, for the integration tests and other extensions. */
export interface AiDisclosureApi {
  index: ProductionIndex;
  decorations: TaggedPassageDecorations;
  usesView: UsesView;
}

const SCRIPT_SELECTOR: vscode.DocumentSelector = SCRIPT_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
const FIX_SELECTOR: vscode.DocumentSelector = [...(SCRIPT_SELECTOR as vscode.DocumentFilter[]), { language: 'json', scheme: 'file', pattern: '**/*.ai.json' }];

export function activate(extension: vscode.ExtensionContext): AiDisclosureApi {
  const output = vscode.window.createOutputChannel('AI Disclosure', { log: true });
  const log = (message: string) => output.info(message);
  const fs = editorFileSystem();
  const index = new ProductionIndex(fs, log);
  const context: CommandContext = { fs, index, memento: extension.globalState, extensionUri: extension.extensionUri, version: String(extension.extension.packageJSON.version), log };
  const decorations = new TaggedPassageDecorations(index, extension.extensionUri);
  const badges = new TaggedFileBadges(index);
  const usesView = new UsesView(index);

  const command = (id: string, run: (context: CommandContext, ...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(context, ...args);
      } catch (error) {
        // The person started this: say what went wrong; keep the cause chain in the log.
        output.error(`${id}: ${describe(error)}`);
        void vscode.window.showErrorMessage(`AI Disclosure: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    });

  extension.subscriptions.push(
    output,
    index,
    new DiagnosticsPublisher(index, extension.extensionUri),
    decorations,
    badges,
    vscode.window.registerFileDecorationProvider(badges),
    usesView,
    vscode.window.createTreeView(USES_VIEW_ID, { treeDataProvider: usesView, showCollapseAll: true }),
    new UsesStatusBar(index),
    vscode.languages.registerHoverProvider(SCRIPT_SELECTOR, new TaggedPassageHover(index)),
    vscode.languages.registerCodeActionsProvider(FIX_SELECTOR, new FixProvider(index), FixProvider.metadata),
    command(COMMANDS.tagSelection, (c, ...args) => tagSelection(c, args.find((a) => !(a instanceof vscode.Uri)))),
    command(COMMANDS.tagScene, (c, ...args) => tagScene(c, args.find((a) => !(a instanceof vscode.Uri)))),
    command(COMMANDS.tagFiles, (c, clicked, selected, answers) => tagFiles(c, clicked, selected, answers)),
    command(COMMANDS.exportReport, (c, options, selection) => exportReport(c, options, selection)),
    command(COMMANDS.recheck, (c) => c.index.rescan()),
    command(COMMANDS.markTemporary, fixes.markTemporary),
    command(COMMANDS.markNotified, fixes.markNotified),
    command(COMMANDS.recordApproval, fixes.recordApproval),
    command(COMMANDS.recordConsent, fixes.recordConsent),
    command(COMMANDS.recordAudienceDisclosure, fixes.recordAudienceDisclosure),
    command(COMMANDS.suppressRule, fixes.suppressRule),
    command(COMMANDS.reconfirmAsset, (c, sidecar) => fixes.reconfirmAsset(c, sidecar)),
    command(COMMANDS.removeUse, fixes.removeUse),
    command(COMMANDS.openRuleDocs, (c, rule) => fixes.openRuleDocs(c, rule)),
    command(COMMANDS.revealUse, (c, sidecar, useId) => revealUse(c.index, sidecar, useId)),
    command(COMMANDS.groupByStatus, async () => usesView.setGroupBy('status')),
    command(COMMANDS.groupByRule, async () => usesView.setGroupBy('rule')),
    ...liveScriptTracking(index),
  );
  index.start();
  return { index, decorations, usesView };
}

/**
 * While a script is edited its tagged passages are re-found in the editor's text (debounced), so
 * squiggles and marks move with the words; closing without saving re-checks against the disk.
 */
function liveScriptTracking(index: ProductionIndex): vscode.Disposable[] {
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (document: vscode.TextDocument, delay: number) => {
    if (document.uri.scheme !== 'file') return;
    const path = toCorePath(document.uri);
    if (!isScriptPath(path) || index.usesFor(path).length === 0) return;
    clearTimeout(timers.get(path));
    timers.set(path, setTimeout(() => {
      timers.delete(path);
      void index.recheckFile(path);
    }, delay));
  };
  return [
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document, 75)),
    vscode.workspace.onDidCloseTextDocument((document) => schedule(document, 0)),
    { dispose: () => timers.forEach(clearTimeout) },
  ];
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
