import * as vscode from 'vscode';
import { keptIn } from '../core/memo';
import { Debounced, pendingWork } from '../core/pendingWork';
import { createAnchor, locateAnchor, PreparedScript, prepareScript } from '../core/anchor/anchor';
import { scriptFormatOf } from '../core/anchor/sections';
import { mapRangeThrough } from '../core/anchor/track';
import { FileSystem } from '../core/fs/fileSystem';
import { isTextScriptPath, sidecarPathFor } from '../core/sidecar/paths';
import { Anchor } from '../core/sidecar/schema';
import { updateSidecar } from '../core/sidecar/store';
import { openDocumentAt, toCorePath } from './fileSystem';
import { ProductionIndex } from './productionIndex';
import { TrackedRange } from '../core/workspace/check';

type Ranges = Map<string, TrackedRange | null>;

/** Ranges of one open script, and the document version they describe. */
interface Followed {
  version: number;
  ranges: Ranges;
}

function sameAnchor(a: Anchor | undefined, b: Anchor): boolean {
  return (
    !!a &&
    a.quote === b.quote &&
    a.prefix === b.prefix &&
    a.suffix === b.suffix &&
    a.start.line === b.start.line &&
    a.start.column === b.start.column &&
    a.end.line === b.end.line &&
    a.end.column === b.end.column &&
    a.scene?.heading === b.scene?.heading &&
    a.scene?.number === b.scene?.number
  );
}

/**
 * Follows tagged passages of open scripts through every edit, so marks and squiggles stay on their
 * words while the writer types. The sidecar learns the new anchors only when the script is saved
 * (or a re-found tag is accepted); closing without saving forgets the unsaved positions.
 */
/** A script is re-checked this long after the last keystroke. */
const TYPING_DELAY_MS = 50;
/** A change to a clean document is looked at again this long after, to tell a reload from an edit. */
const RELOAD_CHECK_DELAY_MS = 150;

export class LiveScriptTracker implements vscode.Disposable {
  private readonly documents = new Map<string, Followed>();
  /** Re-checks after typing settles, by script. */
  private readonly rechecks = new Map<string, Debounced>();
  /** Saves in flight per script (they can overlap): becoming clean then is a save, not a revert. */
  private readonly saving = new Map<string, number>();
  /** The version each script had when last saved. */
  private readonly savedVersions = new Map<string, number>();
  /** Looks, a moment after a change to a clean document, at whether it was a reload; by script, with the document. */
  private readonly reloadChecks = new Map<string, Debounced>();
  private readonly reloadDocuments = new Map<string, vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly index: ProductionIndex,
    private readonly fs: FileSystem,
  ) {
    this.disposables = [
      index.followTrackedRanges((scriptPath) => this.current(scriptPath)),
      index.onDidChange(() => this.adoptOpenScripts()),
      vscode.workspace.onDidOpenTextDocument(() => this.adoptOpenScripts()),
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.workspace.onWillSaveTextDocument((event) => {
        if (event.document.uri.scheme !== 'file') return;
        const path = toCorePath(event.document.uri);
        this.saving.set(path, (this.saving.get(path) ?? 0) + 1);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.scheme === 'file') this.savedVersions.set(toCorePath(document.uri), document.version);
        void this.saved(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
    ];
  }

  /** Tracked ranges of a script's uses, by use id (for tests and views). */
  rangesOf(path: string): ReadonlyMap<string, TrackedRange | null> | undefined {
    return this.documents.get(path)?.ranges;
  }

  /**
   * The ranges, if they still describe the document as it is. Should the editor ever change it in
   * a way this tracker did not follow, they are dropped and the anchors are re-found instead.
   */
  private current(path: string): Ranges | undefined {
    const followed = this.documents.get(path);
    if (!followed) return undefined;
    const document = openDocumentAt(path);
    if (document && document.version === followed.version) return followed.ranges;
    this.documents.delete(path);
    return undefined;
  }

  /**
   * Starts following the uses of open scripts, found in each document's current text (never from
   * an older check's positions, which may describe a previous version of the text).
   */
  private adoptOpenScripts(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== 'file') continue;
      const path = toCorePath(document.uri);
      if (!isTextScriptPath(path)) continue;
      const records = this.index.usesFor(path);
      const ranges = this.current(path) ?? new Map<string, TrackedRange | null>();
      let prepared: PreparedScript | undefined;
      for (const record of records) {
        const { anchor } = record.use;
        if (!anchor || ranges.has(record.use.id)) continue;
        prepared ??= prepareScript(document.getText());
        const match = locateAnchor(prepared, anchor);
        // An orphan stays untracked: the check keeps looking for its words in every new text.
        if (match) ranges.set(record.use.id, { start: match.start, end: match.end, exact: match.exact, similarity: match.similarity });
      }
      if (ranges.size > 0) this.documents.set(path, { version: document.version, ranges });
    }
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    if (event.document.uri.scheme !== 'file') return;
    const path = toCorePath(event.document.uri);
    const followed = this.documents.get(path);
    if (!followed) {
      // Not followed (yet): the check re-finds the anchors in the new text.
      if (event.contentChanges.length > 0 && this.index.usesFor(path).length > 0) this.scheduleRecheck(path);
      return;
    }
    const { ranges } = followed;
    // The dirty flag reaches the extension host after the change it belongs to, so an edit is seen
    // with the document still clean. Only flag events (no content) and time tell the cases apart.
    if (event.contentChanges.length === 0) {
      // Clean again other than by the save just made: a revert or an undo back to the saved text.
      if (!event.document.isDirty && !this.saving.get(path) && this.savedVersions.get(path) !== event.document.version) this.refind(path);
      return;
    }
    const changes = event.contentChanges.map((c) => ({ offset: c.rangeOffset, deleted: c.rangeLength, inserted: c.text }));
    for (const [id, range] of ranges) {
      if (!range) continue;
      const moved = mapRangeThrough(range, changes);
      ranges.set(id, moved.end > moved.start ? { ...range, ...moved } : null);
    }
    followed.version = event.document.version;
    this.scheduleRecheck(path);
    if (!event.document.isDirty) this.confirmStillEdited(event.document, path);
  }

  /**
   * A change to a clean document is an edit if the document turns dirty a moment later; if it stays
   * clean it was a reload after the file changed on disk, and the anchors are re-found in the text.
   */
  private confirmStillEdited(document: vscode.TextDocument, path: string): void {
    this.reloadDocuments.set(path, document);
    const check = () => {
      const changed = this.reloadDocuments.get(path);
      if (!changed) return;
      const stillClean = !changed.isDirty && !this.saving.get(path) && this.savedVersions.get(path) !== changed.version;
      if (stillClean && this.documents.get(path)?.version === changed.version) this.refind(path);
    };
    keptIn(this.reloadChecks, path, () => pendingWork.debounced(RELOAD_CHECK_DELAY_MS, check)).trigger();
  }

  /** Forgets the followed positions: the check re-finds every tag from its anchor in the current text. */
  private refind(path: string): void {
    this.documents.delete(path);
    this.scheduleRecheck(path);
  }

  /** Re-checks a script shortly after typing settles, so a burst of keystrokes costs one check. */
  private scheduleRecheck(path: string): void {
    keptIn(this.rechecks, path, () => pendingWork.debounced(TYPING_DELAY_MS, () => this.index.recheckFile(path))).trigger();
  }

  /** Writes the anchors of moved, grown or shrunk passages into the sidecar, in one atomic write. */
  private async saved(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file') return;
    const path = toCorePath(document.uri);
    const ranges = this.current(path);
    try {
      if (ranges) await this.writeAnchors(document, [...ranges.keys()]);
    } catch (error) {
      // The script is saved either way; the sidecar keeps its anchors and the check re-finds them.
      this.index.report(`Recording where the tags of ${path} moved failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      const left = (this.saving.get(path) ?? 1) - 1;
      if (left > 0) this.saving.set(path, left);
      else this.saving.delete(path);
    }
  }

  /** Records where a re-found tag is now, without waiting for a save. */
  async accept(scriptPath: string, useId: string): Promise<void> {
    const document = openDocumentAt(scriptPath) ?? (await vscode.workspace.openTextDocument(vscode.Uri.file(scriptPath)));
    this.adoptOpenScripts();
    await this.writeAnchors(document, [useId]);
  }

  /** Points an orphaned (or any) tag at new text, tracked from now on. */
  async reattach(document: vscode.TextDocument, useId: string, selection: vscode.Range): Promise<void> {
    const path = toCorePath(document.uri);
    const ranges = this.current(path) ?? new Map<string, TrackedRange | null>();
    ranges.set(useId, { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end), exact: true, similarity: 1 });
    this.documents.set(path, { version: document.version, ranges });
    await this.writeAnchors(document, [useId]);
  }

  private async writeAnchors(document: vscode.TextDocument, useIds: string[]): Promise<void> {
    const path = toCorePath(document.uri);
    const ranges = this.current(path);
    if (!ranges) return;
    const text = document.getText();
    const format = scriptFormatOf(path);
    const fresh = new Map<string, Anchor>();
    for (const id of useIds) {
      const range = ranges.get(id);
      if (!range || range.end <= range.start) continue;
      fresh.set(id, createAnchor(text, range, format));
      // Recorded where it is now: from here on it is the tag's exact text.
      ranges.set(id, { ...range, exact: true, similarity: 1 });
    }
    if (fresh.size === 0) return;
    await updateSidecar(this.fs, sidecarPathFor(path), (sidecar) => {
      for (const use of sidecar.uses) {
        const anchor = fresh.get(use.id);
        if (!anchor || sameAnchor(use.anchor, anchor)) continue;
        // Keep fields a newer release may have added to the anchor; replace what this one knows.
        const { scene: _previousScene, ...kept } = use.anchor ?? ({} as Partial<Anchor>);
        use.anchor = { ...kept, ...anchor };
      }
    });
    await this.index.recheckFile(path);
  }

  private closed(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') return;
    const path = toCorePath(document.uri);
    this.savedVersions.delete(path);
    this.reloadChecks.get(path)?.cancel();
    this.reloadDocuments.delete(path);
    if (!this.documents.delete(path)) return;
    this.rechecks.get(path)?.cancel();
    // Unsaved positions are forgotten with the unsaved text: re-check what is on disk.
    void this.index.recheckFile(path);
  }

  dispose(): void {
    this.rechecks.forEach((recheck) => recheck.cancel());
    this.reloadChecks.forEach((check) => check.cancel());
    for (const d of this.disposables) d.dispose();
  }
}
