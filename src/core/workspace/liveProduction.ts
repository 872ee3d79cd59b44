import { isSidecarLockPath } from '../fs/lock';
import { CONFIG_FILE_NAME } from '../config/config';
import { describeError } from '../errors';
import { pendingWork } from '../pendingWork';
import { hasReadableProvenance, provenanceSidecarStem } from '../provenance/provenance';
import { candidateSidecarsFor, isFolderSidecar, isSidecarPath, rangeUnder } from '../sidecar/paths';
import { insertAllSorted, lowerBound, removeRanges } from '../sorted';
import { FileEvent, ProductionModel } from './production';
import { mapLimited, scanProduction, yieldToEventLoop } from './scan';

/** Folder sidecars are re-checked this long after the last file came or went below them. */
const FOLDER_RECHECK_DELAY_MS = 300;

/**
 * A production model that follows the files: what a watcher reports is applied a batch at a time,
 * re-checking only the sidecars an event touches (the editor's model; the CLI checks once).
 */
export class LiveProduction extends ProductionModel {
  /** File events not applied yet, in the order they came. */
  private eventQueue: FileEvent[] = [];
  private applyingEvents = false;

  /** Takes in what a watcher reported; events that come in the same turn are applied together. */
  fileChanged(event: FileEvent): void {
    const { path } = event;
    if (path.endsWith('.tmp') || isSidecarLockPath(path) || path.includes('/.git/') || path.includes('/node_modules/')) return;
    this.changedWhileWalking([path]);
    this.eventQueue.push(event);
    if (!this.applyingEvents) void pendingWork.track(this.applyFileEvents());
  }

  /** What changed while a scan walked, applied again as the disk has it now, whatever the walk listed. */
  protected override async catchUpAfterWalk(changed: readonly string[]): Promise<void> {
    const events = await mapLimited(changed, 16, async (path): Promise<FileEvent> => {
      const exists = (await this.fs.stat(path).catch(() => undefined)) !== undefined;
      return { path, kind: exists ? 'created' : 'deleted' };
    });
    await this.applyBatch(events);
  }

  /**
   * Applies file events a batch at a time: the watcher reports a copy or a render thousands of
   * events at once, and applying each alone (a splice into the sorted file list, then a check and
   * a change event per sidecar) held the host for many frames at a stretch.
   */
  private async applyFileEvents(): Promise<void> {
    this.applyingEvents = true;
    try {
      while (this.eventQueue.length > 0) {
        // The rest of the watcher's message arrives in this turn: take it all.
        await yieldToEventLoop();
        const events = this.eventQueue;
        this.eventQueue = [];
        await this.applyBatch(events).catch((error) => this.log(`Applying file changes failed: ${describeError(error)}`));
      }
    } finally {
      this.applyingEvents = false;
    }
  }

  private async applyBatch(events: readonly FileEvent[]): Promise<void> {
    for (const { path } of events) this.provenance.forget(path);
    if (events.some(({ path }) => path.endsWith(`/${CONFIG_FILE_NAME}`) || this.configs.some((c) => c.packFiles.includes(path)))) {
      // Configuration and the packs it names change what every sidecar below means: check them all again.
      await this.rescan();
      return;
    }
    // A file came or went, or media (or a C2PA or XMP file beside them) changed: what is undeclared may have too.
    if (events.some(({ path, kind }) => kind !== 'changed' || hasReadableProvenance(path) || provenanceSidecarStem(path) !== undefined))
      this.scheduleUndeclaredCheck();
    const toRecheck = new Set<string>();
    const recheckFor = (path: string) => {
      const sidecar = this.sidecarToRecheck(path);
      if (sidecar) toRecheck.add(sidecar);
    };
    // Files gone first, then files come (each looked up on disk), so the list ends as the disk is
    // in whatever order the events came.
    const gone: [number, number][] = [];
    for (const { path } of events.filter((event) => event.kind === 'deleted')) {
      const at = lowerBound(this.files, path);
      if (this.files[at] === path) gone.push([at, at + 1]);
      else if (!isSidecarPath(path)) {
        // Not a file the index knew: a folder, which takes its files with it, and may be reported
        // alone: the sidecars inside it go too.
        gone.push(rangeUnder(this.files, path));
        for (const known of this.sidecars.keys()) if (known.startsWith(`${path}/`)) toRecheck.add(known);
      }
      recheckFor(path);
    }
    this.files = removeRanges(this.files, gone);
    const created = events.filter((event) => event.kind === 'created').map((event) => event.path);
    const found = await mapLimited(created, 16, (path) => this.filesCreatedAt(path));
    this.files = insertAllSorted(
      this.files,
      found.flatMap((f) => f.files),
    );
    for (const [i, path] of created.entries()) {
      for (const sidecar of found[i].sidecars) toRecheck.add(sidecar);
      recheckFor(path);
    }
    for (const { path } of events.filter((event) => event.kind === 'changed')) recheckFor(path);
    // Folder sidecars match by glob: files coming or going may change what they cover.
    this.scheduleFolderRecheck(events.filter((event) => event.kind !== 'changed').map((event) => event.path));
    if (toRecheck.size === 0) return;
    const subjectsChanged = await mapLimited([...toRecheck], 16, (sidecar) => this.recheckQuietly(sidecar));
    this.fireChanged();
    this.scheduleMediaCacheSave();
    if (subjectsChanged.some(Boolean)) this.scheduleUndeclaredCheck();
  }

  /**
   * What a created path adds: itself, or for a folder (copied in, or made by a tool, which may
   * report only itself) the files and sidecars in it. Nothing when it is gone again.
   */
  private async filesCreatedAt(path: string): Promise<{ files: string[]; sidecars: string[] }> {
    const stat = await this.fs.stat(path).catch(() => undefined);
    if (stat?.type === 'directory') return scanProduction(this.fs, path).catch(() => ({ files: [], sidecars: [], unreadable: [] }));
    return { files: stat && !isSidecarPath(path) ? [path] : [], sidecars: [] };
  }

  /** Folder sidecars above files that came or went, re-checked once the changes pause. */
  private readonly foldersToRecheck = new Set<string>();
  private readonly folderRecheck = pendingWork.debounced(FOLDER_RECHECK_DELAY_MS, async () => {
    const folders = [...this.foldersToRecheck].filter((folder) => this.sidecars.has(folder));
    this.foldersToRecheck.clear();
    const subjectsChanged = await Promise.all(folders.map((folder) => this.recheckQuietly(folder)));
    this.fireChanged();
    if (subjectsChanged.some(Boolean)) this.scheduleUndeclaredCheck();
  });

  /**
   * Re-checks the folder sidecars above a path that came or went, once the changes pause: a render
   * writes thousands of frames into one shot folder, and re-checking its sidecar (every frame
   * matched against its globs) on each took seconds of the host's time.
   */
  private scheduleFolderRecheck(paths: readonly string[]): void {
    if (paths.length === 0) return;
    // Known or not yet: a folder sidecar written with its files may be checked after them.
    for (const path of paths)
      for (const candidate of candidateSidecarsFor(path, '/')) if (isFolderSidecar(candidate)) this.foldersToRecheck.add(candidate);
    this.folderRecheck.trigger();
  }

  override dispose(): void {
    super.dispose();
    this.folderRecheck.cancel();
  }
}
