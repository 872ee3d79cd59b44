import * as vscode from 'vscode';
import { subjectPathOf } from '../core/sidecar/paths';
import { FixProvider } from './codeActions';
import * as fixes from './commands/fixes';
import { CommandContext } from './commands/context';
import { exportReport } from './commands/exportReport';
import { tagFiles, tagScene, tagSelection } from './commands/tag';
import * as assets from './commands/assets';
import { COMMANDS, SCRIPT_LANGUAGES } from './constants';
import { DiagnosticsPublisher } from './diagnostics';
import { TaggedPassageDecorations } from './decorations';
import { TaggedFileBadges } from './fileBadges';
import { editorFileSystem, toCorePath } from './fileSystem';
import { countingFileSystem } from '../core/fs/fileSystem';
import { whenWorkspaceBecomesProduction, workspaceIsProduction } from './productionPresence';
import { SidecarRuleHover, TaggedPassageHover } from './hover';
import { describe, ProductionIndex } from './productionIndex';
import { assetOfTreeItem, revealUse, USES_VIEW_ID, UsesStatusBar, UsesView } from './usesView';
import { LiveScriptTracker } from './liveTracking';
import { FountainOutline, TaggedPassageLenses } from './scriptViews';

/** What activate() hands back: the live model, for the integration tests and other extensions. */
export interface AiDisclosureApi {
  index: ProductionIndex;
  tracker: LiveScriptTracker;
  decorations: TaggedPassageDecorations;
  usesView: UsesView;
  badges: TaggedFileBadges;
  statusBar: UsesStatusBar;
  /** Calls the extension made to the file system, by member (a workspace that is not a production gets none). */
  fileSystemCalls: Readonly<Record<string, number>>;
}

const SCRIPT_SELECTOR: vscode.DocumentSelector = SCRIPT_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
const SIDECAR_SELECTOR: vscode.DocumentFilter = { language: 'json', scheme: 'file', pattern: '**/*.ai.json' };
const FIX_SELECTOR: vscode.DocumentSelector = [...(SCRIPT_SELECTOR as vscode.DocumentFilter[]), SIDECAR_SELECTOR];

export function activate(extension: vscode.ExtensionContext): AiDisclosureApi {
  const output = vscode.window.createOutputChannel('AI Disclosure', { log: true });
  const log = (message: string) => output.info(message);
  const { fs, calls: fileSystemCalls } = countingFileSystem(editorFileSystem());
  const index = new ProductionIndex(fs, log);
  const context: CommandContext = {
    fs,
    index,
    memento: extension.globalState,
    extensionUri: extension.extensionUri,
    version: String((extension.extension.packageJSON as { version?: unknown }).version),
    log,
  };
  const decorations = new TaggedPassageDecorations(index, extension.extensionUri);
  const badges = new TaggedFileBadges(index);
  const usesView = new UsesView(index);
  const statusBar = new UsesStatusBar(index);
  const tracker = new LiveScriptTracker(index, fs);

  const command = (id: string, run: (context: CommandContext, ...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      // Any of the extension's commands is the person working on a production: start following it.
      index.start();
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
    tracker,
    vscode.languages.registerCodeLensProvider(SCRIPT_SELECTOR, new TaggedPassageLenses(index)),
    vscode.languages.registerDocumentSymbolProvider({ language: 'fountain' }, new FountainOutline(index), { label: 'Fountain scenes' }),
    vscode.window.createTreeView(USES_VIEW_ID, { treeDataProvider: usesView, showCollapseAll: true }),
    statusBar,
    vscode.languages.registerHoverProvider(SCRIPT_SELECTOR, new TaggedPassageHover(index)),
    vscode.languages.registerHoverProvider(SIDECAR_SELECTOR, new SidecarRuleHover(index)),
    vscode.languages.registerCodeActionsProvider(FIX_SELECTOR, new FixProvider(index), FixProvider.metadata),
    command(COMMANDS.tagSelection, (c, ...args) =>
      tagSelection(
        c,
        args.find((a) => !(a instanceof vscode.Uri)),
      ),
    ),
    command(COMMANDS.tagScene, (c, ...args) =>
      tagScene(
        c,
        args.find((a) => !(a instanceof vscode.Uri)),
      ),
    ),
    command(COMMANDS.tagFiles, (c, clicked, selected, answers) => tagFiles(c, clicked, selected, answers)),
    command(COMMANDS.exportReport, (c, options, selection) => exportReport(c, options, selection)),
    command(COMMANDS.recheck, (c) => c.index.rescan()),
    command(COMMANDS.markTemporary, fixes.markTemporary),
    command(COMMANDS.markNotified, fixes.markNotified),
    command(COMMANDS.markDirectorConsulted, fixes.markDirectorConsulted),
    command(COMMANDS.markProvenanceMarked, fixes.markProvenanceMarked),
    command(COMMANDS.recordApproval, fixes.recordApproval),
    command(COMMANDS.recordConsent, fixes.recordConsent),
    command(COMMANDS.recordAudienceDisclosure, fixes.recordAudienceDisclosure),
    command(COMMANDS.suppressRule, fixes.suppressRule),
    command(COMMANDS.reconfirmAsset, (c, sidecar) => fixes.reconfirmAsset(c, sidecar)),
    command(COMMANDS.tagFromMetadata, (c, asset, options) => assets.tagFromMetadata(c, assetOfTreeItem(asset) ?? asset, options)),
    command(COMMANDS.relinkSidecar, (c, sidecar, options) => assets.relinkSidecar(c, sidecar, options)),
    command(COMMANDS.deleteSidecar, (c, sidecar, options) => assets.deleteSidecar(c, sidecar, options)),
    vscode.workspace.onDidRenameFiles((event) => void assets.moveSidecarsWithRenames(context, event.files)),
    command(COMMANDS.removeUse, fixes.removeUse),
    command(COMMANDS.openRuleDocs, (c, rule, file) => fixes.openRuleDocs(c, rule, file)),
    command(COMMANDS.revealUse, (c, sidecar, useId, where) => revealUse(c.index, sidecar, useId, where)),
    command(COMMANDS.acceptAnchor, (_c, sidecar, useId) => tracker.accept(subjectPathOf(String(sidecar)), String(useId))),
    command(COMMANDS.reattachUse, (_c, sidecar, useId) => reattachToSelection(tracker, String(sidecar), String(useId))),
    command(COMMANDS.groupByStatus, async () => usesView.setGroupBy('status')),
    command(COMMANDS.groupByRule, async () => usesView.setGroupBy('rule')),
    command(COMMANDS.showMoreUses, async (_c, group) => usesView.showMore(String(group))),
  );
  index.startIfProduction(workspaceIsProduction());
  extension.subscriptions.push(whenWorkspaceBecomesProduction(() => index.start()));
  return { index, tracker, decorations, usesView, badges, statusBar, fileSystemCalls };
}

/** Points a tag at the passage selected in its script (an orphan's usual remedy). */
async function reattachToSelection(tracker: LiveScriptTracker, sidecar: string, useId: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const script = subjectPathOf(sidecar);
  if (!editor || editor.document.uri.scheme !== 'file' || toCorePath(editor.document.uri) !== script) {
    throw new Error(`Open ${script.split('/').pop()} and select the passage the tag belongs to.`);
  }
  if (editor.selection.isEmpty) throw new Error('Select the passage the tag belongs to, then re-attach it.');
  await tracker.reattach(editor.document, useId, editor.selection);
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
