/**
 * The editor's first look, in a bundle of its own (dist/firstLook.js) that loads before the
 * workbench: the sidecars of the files open as the window starts are checked and their findings
 * published while the rest of the extension has yet to load. The two bundles run one instance of
 * each module they share (the build splits it into a chunk both require), so the workbench adopts
 * the look itself: its parsed sidecars and checks, its findings, and the publisher that showed them.
 */
import * as vscode from 'vscode';
import { countingFileSystem, FileSystem } from '../core/fs/fileSystem';
import { adaptiveNodeFileSystem } from '../core/fs/nodeFileSystem';
import { userResultCacheFolder } from '../core/fs/userCache';
import { isAtOrUnder } from '../core/sidecar/paths';
import { RuleCatalog } from '../core/policy/rules';
import { HandedLook, lookBeforeTheModel } from '../core/workspace/firstLook';
import type { ModelChange, ProductionSource } from '../core/workspace/production';
import { yieldToEventLoop } from '../core/workspace/scan';
import { DiagnosticsPublisher, FindingsSource } from './diagnostics';
import { editorFileSystem, toCorePath } from './fileSystem';
import type { SidecarState } from '../core/workspace/productionState';
import type { Finding } from '../core/findings';
import type { ConfigProblem } from '../core/config/config';

/** A first-look read this long means a slow share: the rest are read in the pool, not holding the extension host. */
const FIRST_LOOK_LONGEST_BLOCKING_MS = 20;

/** The production as the editor shows it: its local workspace folders, their trust, the files in view. */
export const EDITOR_PRODUCTION: ProductionSource = {
  roots: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => toCorePath(f.uri)),
  // A custom pack decides what counts as compliant: one from an untrusted folder is not applied.
  loadCustomPacks: () => vscode.workspace.isTrusted,
  openFiles: () => vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'file').map((e) => toCorePath(e.document.uri)),
  keptFirstLooksIn: userResultCacheFolder,
};

/** How the extension reads files, counting its calls by member (for the tests). */
export interface EditorFiles {
  fs: FileSystem;
  /** The open files' first look reads blocking (a few files): see ProductionModelOptions.firstLookFs. */
  firstLookFs: FileSystem;
  calls: Readonly<Record<string, number>>;
}

export function editorFiles(): EditorFiles {
  const calls: Record<string, number> = {};
  const { fs } = countingFileSystem(editorFileSystem(), calls);
  const { fs: firstLookFs } = countingFileSystem(
    editorFileSystem(adaptiveNodeFileSystem(undefined, FIRST_LOOK_LONGEST_BLOCKING_MS)),
    calls,
  );
  return { fs, firstLookFs, calls };
}

/** The first look, for the workbench to adopt. */
export interface FirstLook {
  files: EditorFiles;
  look: HandedLook;
  /** Publishes the look's findings; the workbench has it follow the production model from then on. */
  diagnostics: DiagnosticsPublisher;
  /** Resolves once the look's findings are published and the editor has been sent them. */
  shown: Promise<void>;
}

/** Checks the open files' sidecars and publishes their findings, before the workbench is loaded. */
export function lookAtOpenFiles(extension: vscode.ExtensionContext): FirstLook {
  const files = editorFiles();
  const roots = EDITOR_PRODUCTION.roots();
  const changed = new vscode.EventEmitter<ModelChange>();
  // The look tells of a sidecar only after its reads: the publisher below is listening by then.
  const look = lookBeforeTheModel(
    files.firstLookFs,
    roots,
    EDITOR_PRODUCTION.openFiles?.() ?? [],
    { loadCustomPacks: EDITOR_PRODUCTION.loadCustomPacks(), keptIn: () => EDITOR_PRODUCTION.keptFirstLooksIn?.() },
    (sidecar) => changed.fire({ sources: new Set([sidecar]) }),
  );
  const diagnostics = new DiagnosticsPublisher(new FoundFirst(roots, look.checked, changed.event), extension.extensionUri);
  extension.subscriptions.push(diagnostics, changed);
  // Published as each sidecar is checked; a turn lets the message leave before the workbench's load holds the thread.
  const shown = look.done.then(yieldToEventLoop, () => undefined);
  return { files, look, diagnostics, shown };
}

/** The look's findings as the diagnostics publisher reads a production model's. */
class FoundFirst implements FindingsSource {
  /** Configuration problems are the scan's to report: the look skips a file whose configuration has one. */
  readonly configProblems: readonly ConfigProblem[] = [];

  constructor(
    private readonly roots: readonly string[],
    private readonly checked: ReadonlyMap<string, SidecarState>,
    readonly onDidChange: vscode.Event<ModelChange>,
  ) {}

  sourcesToRevisit(sources: ReadonlySet<string> | undefined, known: Iterable<string>): ReadonlySet<string> {
    return sources ?? new Set([...known, ...this.checked.keys()]);
  }

  findingsOf(source: string): readonly Finding[] | undefined {
    return this.checked.get(source)?.findings;
  }

  catalogFor(path: string): RuleCatalog {
    for (const [sidecar, { catalog }] of this.checked) if (this.rootOf(sidecar) === this.rootOf(path)) return catalog;
    return RuleCatalog.builtIn;
  }

  private rootOf(path: string): string | undefined {
    return this.roots.find((root) => isAtOrUnder(path, root));
  }
}
