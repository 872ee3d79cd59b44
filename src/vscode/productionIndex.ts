import * as vscode from 'vscode';
import { describeError } from '../core/errors';
import { keptIn } from '../core/memo';
import { Debounced, pendingWork } from '../core/pendingWork';
import { userMediaCacheFolder } from '../core/fs/userCache';
import { isSidecarPath } from '../core/sidecar/paths';
import { LiveProduction } from '../core/workspace/liveProduction';
import { FileEvent, ModelChange, UNDECLARED_SOURCE } from '../core/workspace/production';
import { toCorePath } from './fileSystem';
import { EDITOR_PRODUCTION, EditorFiles } from './firstLook';
import type { HandedLook } from '../core/workspace/firstLook';

export { UNDECLARED_SOURCE };
export type IndexChange = ModelChange;

/** A sidecar open in an editor is re-checked this long after its last keystroke. */
const SIDECAR_TYPING_DELAY_MS = 100;

/**
 * The production model (src/core/workspace/production.ts, shared with the CLI; following files as
 * src/core/workspace/liveProduction.ts) kept alive in the editor: fed by a file watcher, the workspace folders and their trust, and typing in open
 * sidecars; views subscribe to `onDidChange`.
 */
export class ProductionIndex extends LiveProduction implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IndexChange>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Re-checks of sidecars being typed in, by path. */
  private readonly sidecarRechecks = new Map<string, Debounced>();
  private started = false;

  /** Fires after any sidecar's findings or uses changed, saying which sources did. */
  readonly onDidChange = this.changed.event;

  constructor(files: EditorFiles, log: (message: string) => void, handedLook?: HandedLook) {
    super(files.fs, EDITOR_PRODUCTION, { mediaCacheFolder: userMediaCacheFolder, log, firstLookFs: files.firstLookFs, handedLook });
  }

  protected override announce(change: IndexChange): void {
    this.changed.fire(change);
  }

  /** Whether the index watches and has scanned the workspace (only a production's is). */
  get isStarted(): boolean {
    return this.started;
  }

  /** Starts watching and scanning (once); returns at once so activation never waits on the disk. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const fileEvent = (kind: FileEvent['kind']) => (uri: vscode.Uri) => {
      if (uri.scheme === 'file') this.fileChanged({ path: toCorePath(uri), kind });
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(fileEvent('created')),
      watcher.onDidDelete(fileEvent('deleted')),
      watcher.onDidChange(fileEvent('changed')),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rescan()),
      // A sidecar open in an editor is checked as the editor holds it: typing in it, or the editor
      // reloading it after a write, re-checks it.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.scheme !== 'file' || event.contentChanges.length === 0) return;
        const path = toCorePath(event.document.uri);
        if (!isSidecarPath(path)) return;
        keptIn(this.sidecarRechecks, path, () => pendingWork.debounced(SIDECAR_TYPING_DELAY_MS, () => this.recheckFile(path))).trigger();
      }),
    );
    void this.rescan();
  }

  override dispose(): void {
    super.dispose();
    this.sidecarRechecks.forEach((recheck) => recheck.cancel());
    for (const d of this.disposables) d.dispose();
  }
}

/** An error as one line for the log, with its causes. */
export const describe = describeError;
