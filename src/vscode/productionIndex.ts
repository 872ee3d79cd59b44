import * as vscode from 'vscode';
import { Finding, keepEqualFindings } from '../core/findings';
import { FileSystem } from '../core/fs/fileSystem';
import { candidateSidecarsFor, isFolderSidecar, isSidecarPath, rangeUnder, sidecarPathFor, subjectPathOf } from '../core/sidecar/paths';
import { CheckCaches, checkSidecar, TrackedRanges, UseRecord } from '../core/workspace/check';
import { mapLimited, scanProduction, sharedTurns, yieldToEventLoop } from '../core/workspace/scan';
import { toCorePath } from './fileSystem';
import { CONFIG_FILE_NAME, ConfigCascade, ConfigProblem, loadConfigCascade } from '../core/config/config';
import { RuleCatalog, RuleDefinition } from '../core/policy/rules';
import { hasReadableProvenance, Provenance, provenanceSidecarStem } from '../core/provenance/provenance';
import { sameItems } from '../core/lists';
import { keptIn } from '../core/memo';
import { SidecarMemo } from '../core/sidecar/store';
import { insertAllSorted, lowerBound, mergeSorted, removeRanges } from '../core/sorted';
import { MediaCache, ProductionMediaCaches, userMediaCacheFolder } from '../core/fs/mediaCache';
import { checkUndeclaredAssets, provenanceThrough, undeclaredCandidates } from '../core/workspace/undeclared';

/** The media caches are written this long after the last check that may have learnt something new. */
const MEDIA_CACHE_SAVE_DELAY_MS = 2000;

/** The source of the findings about assets marked as AI-made in their metadata with no use recorded. */
export const UNDECLARED_SOURCE = '#undeclared';

/** What changed: the sources (sidecar paths, UNDECLARED_SOURCE) whose findings or uses did, or `undefined` for everything. */
export interface IndexChange {
  sources: ReadonlySet<string> | undefined;
}

interface FileEvent {
  path: string;
  kind: 'created' | 'deleted' | 'changed';
}

interface SidecarState {
  findings: Finding[];
  uses: UseRecord[];
  /** The rules the findings were made under (their diagnostics link each rule's page). */
  catalog: RuleCatalog;
}

/**
 * The extension's model of the open production: the checked state of every sidecar, kept current
 * by re-checking only the sidecars an event touches. Views subscribe to `onDidChange`.
 */
export class ProductionIndex implements vscode.Disposable {
  private readonly sidecars = new Map<string, SidecarState>();
  private readonly generations = new Map<string, number>();
  private files: string[] = [];
  private configs: ConfigCascade[] = [];
  private configProblemList: readonly ConfigProblem[] = [];
  /** Use records by covered file, kept up to date sidecar by sidecar (the Explorer asks per row). */
  private readonly bySubject = new Map<string, UseRecord[]>();
  private readonly changed = new vscode.EventEmitter<IndexChange>();
  /** Sources changed since the last event, or `undefined` once everything may have. */
  private changedSources: Set<string> | undefined = new Set();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private ready: Promise<void> = Promise.resolve();
  private folderRecheckTimer: NodeJS.Timeout | undefined;
  private readonly sidecarTimers = new Map<string, NodeJS.Timeout>();
  /** Parsed sidecars, reused while unchanged: a keystroke re-checks in a millisecond. */
  private readonly parsedSidecars: SidecarMemo = new Map();
  /**
   * What media said (hashes, provenance) per workspace folder, kept in the user's cache folder
   * between sessions (with the CLI's): opening a production reads no tagged video again to hash
   * it, nor an untagged one's headers, and neither does an export.
   */
  private mediaCaches: ProductionMediaCaches | undefined;
  private checkCachesByRoot = new Map<string, Required<CheckCaches>>();
  /** For a path in no workspace folder. */
  private readonly otherCaches: Required<CheckCaches> = { sidecars: this.parsedSidecars, media: new MediaCache() };
  private mediaCacheSaveTimer: NodeJS.Timeout | undefined;
  private scansRunning = 0;
  /** What each asset's headers said, until the file changes: a re-check reads no file twice. */
  private readonly provenance = new Map<string, Promise<Provenance | undefined>>();
  /** Assets marked as AI-made in their own metadata that no use covers. */
  private undeclared: Finding[] = [];
  private undeclaredRun = 0;
  private undeclaredTimer: NodeJS.Timeout | undefined;

  /** Fires after any sidecar's findings or uses changed, saying which sources did. */
  readonly onDidChange = this.changed.event;

  /** Tells the views what changed since they last heard, and starts a new list. */
  private fireChanged(): void {
    const change: IndexChange = { sources: this.changedSources };
    this.changedSources = new Set();
    this.changed.fire(change);
  }

  private sourceChanged(source: string): void {
    this.changedSources?.add(source);
  }

  /** Where an editor is following a script's tagged passages, which wins over re-finding quotes. */
  trackedRangesFor: ((scriptPath: string) => TrackedRanges | undefined) | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly log: (message: string) => void,
  ) {}

  /** Writes a line to the extension's log. */
  report(message: string): void {
    this.log(message);
  }

  /** Resolves once the initial scan (or the latest full rescan) is done. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Whether the index watches and has scanned the workspace (only a production's is). */
  get isStarted(): boolean {
    return this.started;
  }
  private started = false;

  /** Starts watching and scanning (once); returns at once so activation never waits on the disk. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileEvent(uri, 'created')),
      watcher.onDidDelete((uri) => this.fileEvent(uri, 'deleted')),
      watcher.onDidChange((uri) => this.fileEvent(uri, 'changed')),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rescan()),
      // A sidecar open in an editor is checked as the editor holds it: typing in it, or the editor
      // reloading it after a write, re-checks it.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.scheme !== 'file' || event.contentChanges.length === 0) return;
        const path = toCorePath(event.document.uri);
        if (!isSidecarPath(path)) return;
        clearTimeout(this.sidecarTimers.get(path));
        this.sidecarTimers.set(
          path,
          setTimeout(() => void this.recheckFile(path), 100),
        );
      }),
    );
    void this.rescan();
  }

  rescan(): Promise<void> {
    this.ready = this.scanAll().catch((error) => this.log(`Scanning the production failed: ${describe(error)}`));
    return this.ready;
  }

  private async scanAll(): Promise<void> {
    this.scansRunning++;
    try {
      await this.scanAllFolders();
    } finally {
      this.scansRunning--;
    }
    this.scheduleMediaCacheSave();
  }

  private async scanAllFolders(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const started = Date.now();
    const roots = folders.map((folder) => toCorePath(folder.uri));
    const mediaCaches = (this.mediaCaches ??= new ProductionMediaCaches(this.fs, userMediaCacheFolder()));
    const [scans, media] = await Promise.all([
      Promise.all(roots.map((root) => scanProduction(this.fs, root))),
      Promise.all(roots.map((root) => mediaCaches.of(root))),
    ]);
    this.checkCachesByRoot = new Map(roots.map((root, i) => [root, { sidecars: this.parsedSidecars, media: media[i] }]));
    this.files = mergeSorted(scans.map((s) => s.files));
    // A custom pack decides what counts as compliant: one from an untrusted folder is not applied.
    const options = { loadCustomPacks: vscode.workspace.isTrusted };
    const configs = await Promise.all(roots.map((root, i) => loadConfigCascade(this.fs, root, scans[i].files, options)));
    // The same files make the same configuration: keeping the object it was keeps every finding
    // made under it, so a rescan of an unchanged production sends the editor nothing again.
    this.configs = configs.map(
      (config) => this.configs.find((known) => known.root === config.root && known.source === config.source) ?? config,
    );
    this.configProblemList = this.configs.flatMap((c) => c.problems);
    for (const problem of this.configProblems)
      this.log(`${problem.file}:${problem.start.line}:${problem.start.column}: ${problem.message}`);
    // Every sidecar asked whether the configuration leaves it out (glob tests), and every known one
    // whether it is still there, in loops that may pause: the walk's paths are hashed here first,
    // and for ten thousand sidecars that alone was most of a frame.
    const sidecarPaths: string[] = [];
    const current = new Set<string>();
    for (const sidecar of scans.flatMap((s) => s.sidecars)) {
      for (let wait = sharedTurns.due(); wait; wait = sharedTurns.due()) await wait;
      if (this.configFor(sidecar)?.isExcluded(subjectPathOf(sidecar))) continue;
      sidecarPaths.push(sidecar);
      current.add(sidecar);
    }
    for (const known of [...this.sidecars.keys()]) {
      for (let wait = sharedTurns.due(); wait; wait = sharedTurns.due()) await wait;
      const state = this.sidecars.get(known);
      if (current.has(known) || !state) continue;
      this.sidecars.delete(known);
      this.replaceInBySubject(state.uses, []);
    }
    await mapLimited(sidecarPaths, 16, (path) => this.recheckQuietly(path));
    // Configuration, files and every sidecar: the views start over, before the headers of every
    // untagged medium are read (seconds for a library of stills).
    this.changedSources = undefined;
    this.fireChanged();
    // The views take up that change on the next turn (most of a frame for every source): the
    // headers are read from the turn after, not in the same one.
    await yieldToEventLoop();
    await yieldToEventLoop();
    if (await this.checkUndeclared()) this.fireChanged();
    this.log(`Checked ${sidecarPaths.length} sidecars and ${this.files.length} files in ${Date.now() - started} ms`);
  }

  /**
   * Reads the provenance of media no use covers (cached per file) and keeps the findings for those
   * marked as AI-made. Returns whether they changed; an older run never overwrites a newer one.
   */
  private async checkUndeclared(): Promise<boolean> {
    const run = ++this.undeclaredRun;
    // Covered files are the by-file lookup's keys: no set of every covered frame made on each run.
    const candidates = await undeclaredCandidates(
      this.files,
      this.bySubject,
      this.sidecars,
      (file) => this.configFor(file)?.isExcluded(file) ?? false,
    );
    const found = await checkUndeclaredAssets(candidates, (file) => this.provenanceOf(file));
    const settled = found.flatMap((finding) => this.configFor(finding.file)?.settle([finding]) ?? [finding]);
    if (run !== this.undeclaredRun) return false;
    const kept = keepEqualFindings(this.undeclared, settled);
    if (kept === this.undeclared) return false;
    this.undeclared = kept;
    this.sourceChanged(UNDECLARED_SOURCE);
    return true;
  }

  private provenanceOf(file: string): Promise<Provenance | undefined> {
    return keptIn(this.provenance, file, () =>
      provenanceThrough(this.fs, this.checkCachesFor(file).media, this.files)(file).catch(() => undefined),
    );
  }

  /** Uses changed or files came and went: which assets are undeclared may have changed too. */
  private scheduleUndeclaredCheck(): void {
    clearTimeout(this.undeclaredTimer);
    this.undeclaredTimer = setTimeout(() => {
      void this.checkUndeclared().then((changed) => {
        if (changed) this.fireChanged();
        // Headers read for media that came: their verdicts are kept too.
        this.scheduleMediaCacheSave();
      });
    }, 150);
  }

  /**
   * Re-checks a sidecar, or the sidecar of a file the index knows to be tagged (its content, or a
   * script's text, is part of that check). Folder sidecars above a file do not look at its content:
   * the files they cover change only when files come or go, and `scheduleFolderRecheck` sees to that.
   */
  async recheckFile(path: string): Promise<void> {
    const sidecar = this.sidecarToRecheck(path);
    if (!sidecar) return;
    const subjectsChanged = await this.recheckQuietly(sidecar);
    this.fireChanged();
    this.scheduleMediaCacheSave();
    // Typing in a tagged script covers no new file: only tagging, untagging or re-globbing can
    // (files coming, going or changing on disk are scheduled by their file events).
    if (subjectsChanged) this.scheduleUndeclaredCheck();
  }

  /** The sidecar whose check a file's change concerns: the file itself, or a tagged file's known sidecar. */
  private sidecarToRecheck(path: string): string | undefined {
    const sidecar = isSidecarPath(path) ? path : sidecarPathFor(path);
    return sidecar === path || this.sidecars.has(sidecar) ? sidecar : undefined;
  }

  /** Re-checks one sidecar; says whether the files its uses cover changed (which can change what is undeclared). */
  private async recheckQuietly(sidecarPath: string): Promise<boolean> {
    const generation = (this.generations.get(sidecarPath) ?? 0) + 1;
    this.generations.set(sidecarPath, generation);
    try {
      const config = this.configFor(sidecarPath);
      const checked = await checkSidecar(
        this.fs,
        sidecarPath,
        this.files,
        this.trackedRangesFor?.(subjectPathOf(sidecarPath)),
        config,
        this.checkCachesFor(sidecarPath),
      );
      // A slower, older run never overwrites a newer one.
      if (this.generations.get(sidecarPath) !== generation) return false;
      const previous = this.sidecars.get(sidecarPath);
      // The rules of the configuration this check ran under (a rescan may have replaced it since).
      const catalog = config?.catalog ?? RuleCatalog.builtIn;
      // Under rules explained alike, findings equal to the last check's are kept as those objects
      // (the same list when all are): editing the configuration or a pack re-checks every sidecar,
      // and the editor is sent again only the diagnostics that changed, not all of them.
      const findings =
        previous && catalog.explainsAlike(previous.catalog) ? keepEqualFindings(previous.findings, checked.findings) : checked.findings;
      const state: SidecarState = { findings, uses: checked.uses, catalog };
      // Each use covering the files it did (every re-check of an unchanged sidecar) answers both
      // questions below without walking thousands of frames twice.
      const sameSubjects = coverSameFilesEach(previous?.uses ?? [], state.uses);
      const subjectsChanged = !sameSubjects && !coverSameFiles(previous?.uses ?? [], state.uses);
      if (state.findings.length === 0 && state.uses.length === 0 && !(await this.fs.stat(sidecarPath))) {
        this.sidecars.delete(sidecarPath);
        this.parsedSidecars.delete(sidecarPath);
        this.replaceInBySubject(previous?.uses ?? [], []);
      } else {
        this.sidecars.set(sidecarPath, state);
        this.replaceInBySubject(previous?.uses ?? [], state.uses, sameSubjects);
      }
      this.sourceChanged(sidecarPath);
      return subjectsChanged;
    } catch (error) {
      this.log(`Checking ${sidecarPath} failed: ${describe(error)}`);
      return false;
    }
  }

  /** File events not applied yet, in the order they came. */
  private eventQueue: FileEvent[] = [];
  private applyingEvents = false;

  private fileEvent(uri: vscode.Uri, kind: FileEvent['kind']): void {
    if (uri.scheme !== 'file') return;
    const path = toCorePath(uri);
    if (path.endsWith('.tmp') || path.endsWith('.ai.json.lock') || path.includes('/.git/') || path.includes('/node_modules/')) return;
    this.eventQueue.push({ path, kind });
    if (!this.applyingEvents) void this.applyFileEvents();
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
        await this.applyBatch(events).catch((error) => this.log(`Applying file changes failed: ${describe(error)}`));
      }
    } finally {
      this.applyingEvents = false;
    }
  }

  private async applyBatch(events: readonly FileEvent[]): Promise<void> {
    for (const { path } of events) {
      this.provenance.delete(path);
      // A C2PA or XMP file beside media speaks for them: what they said is read again.
      const stem = provenanceSidecarStem(path);
      if (stem !== undefined) for (const known of [...this.provenance.keys()]) if (known.startsWith(stem)) this.provenance.delete(known);
    }
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
    if (stat?.type === 'directory') return scanProduction(this.fs, path).catch(() => ({ files: [], sidecars: [] }));
    return { files: stat && !isSidecarPath(path) ? [path] : [], sidecars: [] };
  }

  /** Folder sidecars above files that came or went, re-checked once the changes pause. */
  private readonly foldersToRecheck = new Set<string>();

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
    clearTimeout(this.folderRecheckTimer);
    this.folderRecheckTimer = setTimeout(() => {
      const folders = [...this.foldersToRecheck].filter((folder) => this.sidecars.has(folder));
      this.foldersToRecheck.clear();
      void Promise.all(folders.map((folder) => this.recheckQuietly(folder))).then((subjectsChanged) => {
        this.fireChanged();
        if (subjectsChanged.some(Boolean)) this.scheduleUndeclaredCheck();
      });
    }, 300);
  }

  /** What a check of a path may reuse: the parsed sidecars, and its workspace folder's media cache. */
  checkCachesFor(path: string): Required<CheckCaches> {
    const root = this.configFor(path)?.root;
    return (root !== undefined && this.checkCachesByRoot.get(root)) || this.otherCaches;
  }

  /**
   * Writes the media caches that changed, once checks pause. Never during a full scan: a save
   * keeps only the facts asked for since the session began, and a scan asks for them again.
   */
  private scheduleMediaCacheSave(): void {
    clearTimeout(this.mediaCacheSaveTimer);
    this.mediaCacheSaveTimer = setTimeout(() => {
      if (this.scansRunning === 0) void this.saveMediaCaches();
    }, MEDIA_CACHE_SAVE_DELAY_MS);
  }

  /** Writes every workspace folder's media cache that changed (tests call it rather than wait). */
  saveMediaCaches(): Promise<void> {
    return this.mediaCaches?.save() ?? Promise.resolve();
  }

  /** The configuration that applies to a path: its workspace folder's cascade. */
  configFor(path: string): ConfigCascade | undefined {
    // Asked for every sidecar, file and finding of a scan: no string made per call.
    return this.configs.find(
      (c) => path.startsWith(c.root) && (path.length === c.root.length || path.charCodeAt(c.root.length) === 47) /* "/" */,
    );
  }

  /** The rules that can fire for a path: built-in ones and its production's custom packs. */
  catalogFor(path: string): RuleCatalog {
    return this.configFor(path)?.catalog ?? RuleCatalog.builtIn;
  }

  /** Every rule any open production can report, for views that list rules. */
  get rules(): RuleDefinition[] {
    const byId = new Map<string, RuleDefinition>();
    for (const catalog of [RuleCatalog.builtIn, ...this.configs.map((c) => c.catalog)])
      for (const rule of catalog.rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
    return [...byId.values()];
  }

  /** Configuration files that do not validate; they are shown, and not applied until fixed. Same array until they change. */
  get configProblems(): readonly ConfigProblem[] {
    return this.configProblemList;
  }

  /**
   * The sources a view must look at again: those a change names, or after a change of everything
   * every current source and every one the view still knows of (which may be gone). Each source's
   * findings and uses keep their identity until it is checked again, so a view compares them.
   */
  sourcesToRevisit(sources: ReadonlySet<string> | undefined, known: Iterable<string>): ReadonlySet<string> {
    if (sources) return sources;
    const all = new Set(known);
    for (const path of this.sidecars.keys()) all.add(path);
    all.add(UNDECLARED_SOURCE);
    return all;
  }

  /** One source's findings (a sidecar's, or UNDECLARED_SOURCE's); `undefined` for a sidecar that is gone. */
  findingsOf(source: string): readonly Finding[] | undefined {
    return source === UNDECLARED_SOURCE ? this.undeclared : this.sidecars.get(source)?.findings;
  }

  /** One sidecar's use records; `undefined` when it is gone. */
  usesOf(source: string): readonly UseRecord[] | undefined {
    return this.sidecars.get(source)?.uses;
  }

  get findings(): Finding[] {
    return [...[...this.sidecars.values()].flatMap((s) => s.findings), ...this.undeclared];
  }

  /** Is this file marked as AI-made in its metadata with no use recorded? */
  isUndeclared(file: string): boolean {
    return this.undeclared.some((finding) => finding.file === file);
  }

  /** The assets marked as AI-made in their metadata with no use recorded, with their findings. */
  get undeclaredFindings(): readonly Finding[] {
    return this.undeclared;
  }

  get uses(): UseRecord[] {
    return [...this.sidecars.values()].flatMap((s) => s.uses);
  }

  /** Swaps one sidecar's records in the by-file lookup: a keystroke touches one sidecar, not all. */
  private replaceInBySubject(
    before: readonly UseRecord[],
    after: readonly UseRecord[],
    sameSubjects = coverSameFilesEach(before, after),
  ): void {
    // The same uses covering the same files (every re-check of an unchanged sidecar): each file's
    // record is swapped where it stands. A rescan re-checks every folder sidecar, each covering
    // hundreds of frames, and building every frame's list anew made that many arrays to collect.
    if (sameSubjects) {
      before.forEach((record, i) => {
        for (const subject of record.subjects) {
          const records = this.bySubject.get(subject);
          const at = records ? records.indexOf(record) : -1;
          if (records && at >= 0) records[at] = after[i];
          else this.addToBySubject(subject, after[i]);
        }
      });
      return;
    }
    const gone = new Set(before);
    for (const subject of new Set(before.flatMap((r) => r.subjects))) {
      const kept = (this.bySubject.get(subject) ?? []).filter((r) => !gone.has(r));
      if (kept.length > 0) this.bySubject.set(subject, kept);
      else this.bySubject.delete(subject);
    }
    for (const record of after) for (const subject of record.subjects) this.addToBySubject(subject, record);
  }

  /** Adds a record to the uses recorded for a file. */
  private addToBySubject(subject: string, record: UseRecord): void {
    this.bySubject.set(subject, [...(this.bySubject.get(subject) ?? []), record]);
  }

  /**
   * Uses recorded for a file, by its own sidecar or a folder sidecar's globs. The index's own list,
   * to read and not to keep: a re-check of an unchanged sidecar swaps its records in place.
   */
  usesFor(path: string): readonly UseRecord[] {
    return this.bySubject.get(path) ?? [];
  }

  /** The finding of one rule shown at a line of a file (its primary place or one of its others). */
  findingFor(file: string, rule: string, line: number): Finding | undefined {
    const at = (place: { file: string; start: { line: number } }) => place.file === file && place.start.line === line;
    return this.findings.find((f) => f.rule === rule && (at(f) || (f.alsoAt ?? []).some(at)));
  }

  dispose(): void {
    clearTimeout(this.mediaCacheSaveTimer);
    clearTimeout(this.folderRecheckTimer);
    clearTimeout(this.undeclaredTimer);
    this.sidecarTimers.forEach(clearTimeout);
    for (const d of this.disposables) d.dispose();
  }
}

/** Does each use of two checks cover the very files it did, use by use? */
function coverSameFilesEach(before: readonly UseRecord[], after: readonly UseRecord[]): boolean {
  return before.length === after.length && before.every((record, i) => sameItems(record.subjects, after[i].subjects));
}

/**
 * Do two checks' uses cover the same files, in the same order? Compared in place, without making
 * the lists: a folder sidecar's uses cover thousands of frames, and a rescan checks a thousand.
 */
function coverSameFiles(before: readonly UseRecord[], after: readonly UseRecord[]): boolean {
  let b = 0;
  let bi = 0;
  let a = 0;
  let ai = 0;
  for (;;) {
    while (b < before.length && bi === before[b].subjects.length) [b, bi] = [b + 1, 0];
    while (a < after.length && ai === after[a].subjects.length) [a, ai] = [a + 1, 0];
    if (b === before.length || a === after.length) return b === before.length && a === after.length;
    if (before[b].subjects[bi++] !== after[a].subjects[ai++]) return false;
  }
}

export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause ? `${error.message} (caused by ${describe(cause)})` : error.message;
}
