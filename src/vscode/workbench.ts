import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/fileNames';
import { isFinalDraftPath, subjectPathOf } from '../core/sidecar/paths';
import { FixProvider } from './codeActions';
import * as fixes from './commands/fixes';
import { CommandContext } from './commands/context';
import { exportReport } from './commands/exportReport';
import { setUpProduction } from './commands/setUp';
import { recheckProduction } from './commands/recheck';
import { tagFiles, tagScene, tagSelection } from './commands/tag';
import * as assets from './commands/assets';
import { COMMANDS, SCREENPLAY_SCHEME, SCRIPT_LANGUAGES } from './constants';
import { DiagnosticsPublisher } from './diagnostics';
import { TaggedPassageDecorations } from './decorations';
import { TaggedFileBadges } from './fileBadges';
import { toCorePath } from './fileSystem';
import { notifyingFileSystem } from '../core/fs/fileSystem';
import { editorFiles, FirstLook } from './firstLook';
import { configureLocks } from '../core/fs/lock';
import { nodeLockEnvironment } from '../core/fs/nodeFileSystem';
import { pendingWork } from '../core/pendingWork';
import { SidecarRuleHover, TaggedPassageHover } from './hover';
import { describe, ProductionIndex } from './productionIndex';
import { assetOfTreeItem, revealUse, useOfTreeItem, UsesStatusBar, UsesView } from './usesView';
import { LiveScriptTracker } from './liveTracking';
import { FountainOutline, TaggedPassageLenses } from './scriptViews';
import { editUse, openSidecarAsJson, UseFormEditor } from './useEditor';
import { fdxUriOf, OpenScreenplayLens, ScreenplayDiagnostics, ScreenplayViews, showScreenplay } from './screenplay';

/** The loaded extension: its live model and views, for the integration tests and other extensions. */
export interface Workbench {
  index: ProductionIndex;
  tracker: LiveScriptTracker;
  decorations: TaggedPassageDecorations;
  usesView: UsesView;
  badges: TaggedFileBadges;
  statusBar: UsesStatusBar;
  diagnostics: DiagnosticsPublisher;
  screenplays: ScreenplayViews;
  screenplayDiagnostics: ScreenplayDiagnostics;
  useForms: UseFormEditor;
  /** Calls the extension made to the file system, by member. */
  fileSystemCalls: Readonly<Record<string, number>>;
  /** Resolves once no check, re-check, publish or redraw is pending: what tests wait for instead of sleeping. */
  whenIdle(): Promise<void>;
  /** Runs one of the extension's commands (the entry registers every id and sends it here). */
  execute(id: CommandId, args: unknown[]): Promise<unknown>;
}

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
type CommandName = keyof typeof COMMANDS;
type Handler = (context: CommandContext, ...args: unknown[]) => Promise<unknown>;

/** How long the status bar says whom a write is waiting for (the wait itself is bounded by the lock's patience). */
const LOCK_WAIT_NOTICE_MS = 10_000;

const SCRIPT_SELECTOR: vscode.DocumentSelector = [
  ...SCRIPT_LANGUAGES.map((language) => ({ language, scheme: 'file' })),
  { language: 'fountain', scheme: SCREENPLAY_SCHEME },
];
const SIDECAR_SELECTOR: vscode.DocumentFilter = { language: 'json', scheme: 'file', pattern: '**/*.ai.json' };
const FIX_SELECTOR: vscode.DocumentSelector = [
  ...(SCRIPT_SELECTOR as vscode.DocumentFilter[]),
  SIDECAR_SELECTOR,
  { scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` },
];

/**
 * Builds the model, views and providers: loaded on first use (a production found, a command run,
 * the AI Uses view shown), never as part of activation. `firstLook`, the open files' look made
 * while this bundle was yet to load, is adopted: its checks, caches and published findings.
 */
export function openWorkbench(extension: vscode.ExtensionContext, firstLook?: FirstLook): Workbench {
  const output = vscode.window.createOutputChannel('AI Disclosure', { log: true });
  const log = (message: string) => output.info(message);
  configureLocks(
    nodeLockEnvironment(`VS Code (${vscode.env.appName})`, (message) => {
      log(message);
      vscode.window.setStatusBarMessage(`$(watch) AI Disclosure: ${message}`, LOCK_WAIT_NOTICE_MS);
    }),
  );
  const files = firstLook?.files ?? editorFiles();
  const { fs } = files;
  const index = new ProductionIndex(files, log, firstLook?.look);
  const context: CommandContext = {
    // What commands write, the index re-checks before the write returns: no command re-checks by hand.
    fs: notifyingFileSystem(fs, (paths) => index.written(paths)),
    index,
    memento: extension.globalState,
    extensionUri: extension.extensionUri,
    version: String((extension.extension.packageJSON as { version?: unknown }).version),
    log,
  };
  // Subscribed first: told of a change before the views are, the findings reach the editor first.
  const diagnostics = firstLook?.diagnostics.follow(index) ?? new DiagnosticsPublisher(index, extension.extensionUri);
  const decorations = new TaggedPassageDecorations(index, extension.extensionUri);
  const badges = new TaggedFileBadges(index);
  const usesView = new UsesView(index);
  const statusBar = new UsesStatusBar(index);
  const tracker = new LiveScriptTracker(index, fs);
  const screenplays = new ScreenplayViews(fs);
  const screenplayDiagnostics = new ScreenplayDiagnostics(index, extension.extensionUri);
  const useForms = new UseFormEditor(context);

  // One handler per command id: the compiler proves none is missing (package.json is checked
  // against COMMANDS by a test).
  const handlers: Record<CommandName, Handler> = {
    tagSelection: (c, ...args) =>
      tagSelection(
        c,
        args.find((a) => !(a instanceof vscode.Uri)),
      ),
    tagScene: (c, ...args) =>
      tagScene(
        c,
        args.find((a) => !(a instanceof vscode.Uri)),
      ),
    tagFiles: (c, clicked, selected, answers) => tagFiles(c, clicked, selected, answers),
    exportReport: (c, options, selection) => exportReport(c, options, selection),
    recheck: (c) => recheckProduction(c),
    markTemporary: fixes.markTemporary,
    markNotified: fixes.markNotified,
    markDirectorConsulted: fixes.markDirectorConsulted,
    markProvenanceMarked: fixes.markProvenanceMarked,
    recordApproval: fixes.recordApproval,
    recordConsent: fixes.recordConsent,
    recordAudienceDisclosure: fixes.recordAudienceDisclosure,
    suppressRule: fixes.suppressRule,
    renameField: (c, sidecar, path, to, into) => fixes.renameField(c, sidecar, path, to, into),
    reconfirmAsset: (c, sidecar) => fixes.reconfirmAsset(c, sidecar),
    tagFromMetadata: (c, asset, options) => assets.tagFromMetadata(c, assetOfTreeItem(asset) ?? asset, options),
    relinkSidecar: (c, sidecar, options) => assets.relinkSidecar(c, sidecar, options),
    deleteSidecar: (c, sidecar, options) => assets.deleteSidecar(c, sidecar, options),
    removeUse: fixes.removeUse,
    openRuleDocs: (c, rule, file) => fixes.openRuleDocs(c, rule, file),
    revealUse: (c, sidecar, useId, where) => revealUse(c.index, sidecar, useId, where),
    editUse: (c, sidecar, useId) => {
      const item = useOfTreeItem(sidecar);
      return editUse(c, useForms, item?.sidecar ?? sidecar, item?.useId ?? useId);
    },
    openSidecarAsJson: async (_c, sidecar) => openSidecarAsJson(sidecar),
    setUpProduction: (c, options) => setUpProduction(c, options),
    acceptAnchor: (_c, sidecar, useId) => tracker.accept(subjectPathOf(String(sidecar)), String(useId)),
    reattachUse: (_c, sidecar, useId) => reattachToSelection(tracker, String(sidecar), String(useId)),
    groupByStatus: async () => usesView.setGroupBy('status'),
    groupByRule: async () => usesView.setGroupBy('rule'),
    showMoreUses: async (_c, group) => usesView.showMore(String(group)),
    openScreenplay: (_c, fdx) => showScreenplay(finalDraftUri(fdx, 'file')),
    openScreenplaySource: async (_c, view) => vscode.window.showTextDocument(fdxUriOf(finalDraftUri(view, SCREENPLAY_SCHEME))),
  };
  const handlerById = new Map(Object.entries(COMMANDS).map(([name, id]) => [id as string, handlers[name as CommandName]]));

  const execute = async (id: CommandId, args: unknown[]): Promise<unknown> => {
    // Any of the extension's commands is the person working on a production: start following it.
    index.start();
    try {
      const handler = handlerById.get(id);
      if (!handler) throw new Error(`no handler for ${id}`);
      return await handler(context, ...args);
    } catch (error) {
      // The person started this: say what went wrong; keep the cause chain in the log.
      output.error(`${id}: ${describe(error)}`);
      void vscode.window.showErrorMessage(`AI Disclosure: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  extension.subscriptions.push(
    output,
    index,
    diagnostics,
    decorations,
    badges,
    vscode.window.registerFileDecorationProvider(badges),
    usesView,
    tracker,
    vscode.languages.registerCodeLensProvider(SCRIPT_SELECTOR, new TaggedPassageLenses(index)),
    vscode.languages.registerDocumentSymbolProvider({ language: 'fountain' }, new FountainOutline(index), { label: 'Fountain scenes' }),
    statusBar,
    vscode.languages.registerHoverProvider(SCRIPT_SELECTOR, new TaggedPassageHover(index)),
    vscode.languages.registerHoverProvider(SIDECAR_SELECTOR, new SidecarRuleHover(index)),
    vscode.languages.registerCodeActionsProvider(FIX_SELECTOR, new FixProvider(index), FixProvider.metadata),
    screenplays,
    screenplayDiagnostics,
    useForms,
    vscode.languages.registerCodeLensProvider(OpenScreenplayLens.selector, new OpenScreenplayLens()),
    vscode.workspace.onDidRenameFiles((event) => void assets.moveSidecarsWithRenames(context, event.files)),
  );
  return {
    index,
    tracker,
    decorations,
    usesView,
    badges,
    statusBar,
    diagnostics,
    screenplays,
    screenplayDiagnostics,
    useForms,
    fileSystemCalls: files.calls,
    execute,
    whenIdle: () => pendingWork.whenIdle(),
  };
}

/** The Final Draft file or view a command was given (from a menu), or the active editor's. */
function finalDraftUri(given: unknown, scheme: string): vscode.Uri {
  const uri = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== scheme || !isFinalDraftPath(toCorePath(scheme === 'file' ? uri : fdxUriOf(uri)))) {
    throw new Error(scheme === 'file' ? 'Open or select a Final Draft (.fdx) file.' : 'Open a Final Draft screenplay view.');
  }
  return uri;
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
