import { ConfigError, loadConfigCascade } from '../config/config';
import { describeError } from '../errors';
import { pendingWork } from '../pendingWork';
import { Finding, keepEqualFindings } from '../findings';
import { FileSystem } from '../fs/fileSystem';
import { RuleCatalog } from '../policy/rules';
import { unreadableReason } from '../errors';
import { unreadableFinding, unreadablePathFinding } from './unreadable';
import { isSidecarPath, sidecarPathFor, subjectPathOf } from '../sidecar/paths';
import { checkOpenFilesFirst, HandedLook } from './firstLook';
import { KeptMediaCaches } from './keptMediaCaches';
import { ResultCache, sidecarCheckKey } from './resultCache';
import { mergeSorted } from '../sorted';
import { CheckCaches, CheckResult, checkSidecar, TrackedRanges } from './check';
import { coverSameFiles } from './records';
import { OnceOptions, ProductionModelOptions, ProductionSource } from './modelInputs';
import { mapLimited, ScanResult, scanProduction, sharedTurns, yieldToEventLoop } from './scan';
import { ModelChange, ProductionState, SidecarState, UNDECLARED_SOURCE } from './productionState';
import { KnownProvenance, provenanceThrough, undeclaredCandidates } from './undeclared';

/** Which media are undeclared is looked at again this long after the last change that may alter it. */
const UNDECLARED_DELAY_MS = 150;

export { UNDECLARED_SOURCE };
export type { ModelChange };

export type { FileEvent, OnceOptions, ProductionModelOptions, ProductionSource } from './modelInputs';

/**
 * A production's checked state, kept current: every sidecar's findings and uses, the files uses
 * cover, and media marked as AI-made that no use declares. The CLI scans once and reads it; the
 * editor keeps it alive, handing it file events and re-checks, and re-checks only the sidecars an
 * event touches. No editor API: the same code serves both.
 */
export class ProductionModel extends ProductionState {
  private readonly generations = new Map<string, number>();
  /** Sources changed since the last event, or `undefined` once everything may have. */
  private changedSources: Set<string> | undefined = new Set();
  private ready: Promise<void> = Promise.resolve();
  private readonly mediaCaches: KeptMediaCaches;
  private scansRunning = 0;
  protected readonly provenance = new KnownProvenance();
  private undeclaredRun = 0;
  /** Uses changed or files came and went: which assets are undeclared may have changed too. */
  private readonly undeclaredCheck = pendingWork.debounced(UNDECLARED_DELAY_MS, async () => {
    if (await this.checkUndeclared()) this.fireChanged();
    // Headers read for media that came: their verdicts are kept too.
    this.scheduleMediaCacheSave();
  });

  /** Tells the views what changed since they last heard, and starts a new list. */
  protected fireChanged(): void {
    const change: ModelChange = { sources: this.changedSources };
    this.changedSources = new Set();
    this.announce(change);
  }

  /** Called after any sidecar's findings or uses changed, saying which sources did (an editor tells its views). */
  protected announce(_change: ModelChange): void {}

  private sourceChanged(source: string): void {
    this.changedSources?.add(source);
  }

  /** Where an editor is following a script's tagged passages, which wins over re-finding quotes. */
  private trackedRangesFor: ((scriptPath: string) => TrackedRanges | undefined) | undefined;

  /**
   * Takes where an editor follows scripts' tagged passages as they are typed: checks use those
   * ranges instead of re-finding the quotes. Returns how to stop.
   */
  followTrackedRanges(rangesOf: (scriptPath: string) => TrackedRanges | undefined): { dispose(): void } {
    this.trackedRangesFor = rangesOf;
    return {
      dispose: () => {
        if (this.trackedRangesFor === rangesOf) this.trackedRangesFor = undefined;
      },
    };
  }

  protected readonly log: (message: string) => void;
  private readonly once: OnceOptions | undefined;
  /** The open files' look made before the model, until the first scan adopts it. */
  private handedLook: HandedLook | undefined;

  constructor(
    protected readonly fs: FileSystem,
    private readonly source: ProductionSource,
    private readonly options: ProductionModelOptions = {},
  ) {
    super(options.handedLook?.caches);
    this.handedLook = options.handedLook;
    this.log = options.log ?? (() => undefined);
    this.mediaCaches = new KeptMediaCaches(fs, options.mediaCacheFolder ?? (() => undefined), () => this.scansRunning > 0);
    this.once = options.once;
  }

  /** Writes a line to the log (the editor's output channel). */
  report(message: string): void {
    this.log(message);
  }

  /** Resolves once the latest full scan is done. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Scans every production folder again and re-checks every sidecar; findings that did not change keep their identity. */
  rescan(): Promise<void> {
    this.ready = pendingWork.track(this.scanAll().catch((error) => this.log(`Scanning the production failed: ${describeError(error)}`)));
    return this.ready;
  }

  /** Scans every production folder and checks it, once; failures are thrown (`rescan` logs them). */
  scan(): Promise<void> {
    return this.scanAll();
  }

  private async scanAll(): Promise<void> {
    this.scansRunning++;
    const changedSinceWalk = this.noteChangesDuringWalk();
    try {
      await this.scanAllProductions(changedSinceWalk);
    } finally {
      this.scansRunning--;
      changedSinceWalk();
    }
    // A single check's caller saves the cache it gave.
    if (!this.once) this.scheduleMediaCacheSave();
  }

  private async scanAllProductions(changedSinceWalk: () => string[]): Promise<void> {
    const started = Date.now();
    const roots = this.source.roots();
    // The open files' sidecars first, alone: the walk's hundreds of directory reads would queue
    // ahead of their few reads and put off what the person is looking at.
    if (this.sidecars.size === 0 && !this.once) await this.lookFirst(roots);
    const [scans, media] = await Promise.all([
      Promise.all(roots.map(async (root) => (this.once?.scan && roots.length === 1 ? this.once.scan : scanProduction(this.fs, root)))),
      Promise.all(roots.map(async (root) => this.once?.caches.media ?? this.mediaCaches.of(root))),
    ]);
    const { sidecars, memory } = this.once ? this.once.caches : { sidecars: this.parsedSidecars, memory: this.keptChecks };
    this.checkCachesByRoot = new Map(roots.map((root, i) => [root, { sidecars, memory, media: media[i] }]));
    this.files = mergeSorted(scans.map((s) => s.files));
    const options = { loadCustomPacks: this.source.loadCustomPacks() };
    const configs = await Promise.all(roots.map((root, i) => loadConfigCascade(this.fs, root, scans[i].files, options)));
    // The same files make the same configuration: keeping the object it was keeps every finding
    // made under it, so a rescan of an unchanged production sends the editor nothing again.
    this.configs = configs.map(
      (config) => this.configs.find((known) => known.root === config.root && known.source === config.source) ?? config,
    );
    this.configProblemList = this.configs.flatMap((c) => c.problems);
    this.unreadable = keepEqualFindings(this.unreadable, this.settled(scans.flatMap((scan) => scan.unreadable.map(unreadablePathFinding))));
    if (this.once && this.configProblemList.length > 0) throw new ConfigError([...this.configProblemList]);
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
      if (!current.has(known)) this.sidecars.delete(known);
    }
    await mapLimited(sidecarPaths, 16, (path) => this.recheckQuietly(path));
    const changed = changedSinceWalk();
    if (changed.length > 0) await this.catchUpAfterWalk(changed);
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
   * Before the first scan has walked the production, the sidecars of the files the person has open
   * are checked (./firstLook.ts), so their findings show in a moment rather than after the walk.
   */
  private async lookFirst(roots: readonly string[]): Promise<void> {
    const shown = (sidecar: string, state: SidecarState) => {
      // The scan got there first: its check is the one that counts.
      if (this.sidecars.has(sidecar)) return;
      this.sidecars.set(sidecar, state);
      this.sourceChanged(sidecar);
    };
    const handed = this.handedLook;
    this.handedLook = undefined;
    // A look that failed is made again here, where a failure is logged.
    const adopted = await handed?.done.then(() => handed.checked).catch(() => undefined);
    if (adopted) {
      adopted.forEach((state, sidecar) => shown(sidecar, state));
      if (adopted.size > 0) this.fireChanged();
      return;
    }
    const look = {
      loadCustomPacks: this.source.loadCustomPacks(),
      tracked: this.trackedRangesFor,
      sidecars: this.parsedSidecars,
      memory: this.keptChecks,
      keptIn: () => this.source.keptFirstLooksIn?.(),
    };
    await checkOpenFilesFirst(
      this.options.firstLookFs ?? this.fs,
      roots,
      this.source.openFiles?.() ?? [],
      look,
      (sidecar, checked, catalog) => {
        shown(sidecar, { findings: checked.findings, uses: checked.uses, catalog });
        this.fireChanged();
      },
    );
  }

  /**
   * Reads the provenance of media no use covers (cached per file) and keeps the findings for those
   * marked as AI-made. Returns whether they changed; an older run never overwrites a newer one.
   */
  private async checkUndeclared(): Promise<boolean> {
    const run = ++this.undeclaredRun;
    // Asked only of media, through the few sidecars that can cover each: no set of every covered frame.
    const candidates = await undeclaredCandidates(
      this.files,
      { has: (file) => this.usesFor(file).length > 0 },
      this.sidecars,
      (file) => this.configFor(file)?.isExcluded(file) ?? false,
    );
    const { findings, unreadable } = await this.provenance.check(candidates, (file) =>
      provenanceThrough(this.fs, this.checkCachesFor(file).media, this.files)(file),
    );
    const settled = this.settled(findings);
    if (run !== this.undeclaredRun) return false;
    this.unreadableMedia = unreadable;
    const kept = keepEqualFindings(this.undeclared, settled);
    if (kept === this.undeclared) return false;
    this.undeclared = kept;
    this.sourceChanged(UNDECLARED_SOURCE);
    return true;
  }

  /** Uses changed or files came and went: which assets are undeclared may have changed too. */
  protected scheduleUndeclaredCheck(): void {
    this.undeclaredCheck.trigger();
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

  /** Re-checks after the model's own writes (sidecars written, moved or deleted); other files are left to their events. */
  async written(paths: readonly string[]): Promise<void> {
    this.changedWhileWalking(paths);
    const sidecars = paths.filter(isSidecarPath);
    await Promise.all(sidecars.map((sidecar) => this.recheckFile(sidecar)));
  }

  /** Brings a scan up to date with what changed while it walked: here, the model's own writes. */
  protected async catchUpAfterWalk(changed: readonly string[]): Promise<void> {
    await this.written(changed);
  }

  /** The sidecar whose check a file's change concerns: the file itself, or a tagged file's known sidecar. */
  protected sidecarToRecheck(path: string): string | undefined {
    const sidecar = isSidecarPath(path) ? path : sidecarPathFor(path);
    return sidecar === path || this.sidecars.has(sidecar) ? sidecar : undefined;
  }

  /** Re-checks one sidecar; says whether the files its uses cover changed (which can change what is undeclared). */
  protected async recheckQuietly(sidecarPath: string): Promise<boolean> {
    const generation = (this.generations.get(sidecarPath) ?? 0) + 1;
    this.generations.set(sidecarPath, generation);
    try {
      const config = this.configFor(sidecarPath);
      const results = this.once?.results;
      const key = results
        ? (this.once?.sidecarKeyOf?.(sidecarPath) ?? (await sidecarCheckKey(this.fs, sidecarPath, this.files, config)))
        : undefined;
      let checked = key !== undefined ? results?.get(sidecarPath, key) : undefined;
      if (!checked) {
        checked = await checkSidecar(
          this.fs,
          sidecarPath,
          this.files,
          this.trackedRangesFor?.(subjectPathOf(sidecarPath)),
          config,
          this.checkCachesFor(sidecarPath),
        );
        if (key !== undefined) results?.set(sidecarPath, key, checked);
      }
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
      const subjectsChanged = !coverSameFiles(previous?.uses ?? [], state.uses);
      if (state.findings.length === 0 && state.uses.length === 0 && !(await this.fs.stat(sidecarPath))) {
        this.sidecars.delete(sidecarPath);
        this.parsedSidecars.delete(sidecarPath);
      } else {
        this.sidecars.set(sidecarPath, state);
      }
      this.sourceChanged(sidecarPath);
      return subjectsChanged;
    } catch (error) {
      const reason = unreadableReason(error);
      if (reason !== undefined) return this.unreadableSidecar(sidecarPath, reason, generation);
      if (this.once) throw error;
      this.log(`Checking ${sidecarPath} failed: ${describeError(error)}`);
      return false;
    }
  }

  /** Findings made outside a sidecar's check, with the severities of the configuration over each one's file. */
  private settled(findings: readonly Finding[]): Finding[] {
    return findings.flatMap((finding) => this.configFor(finding.file)?.settle([finding]) ?? [finding]);
  }

  /** A sidecar that could not be read: one finding at it, and none of its uses (they are not known). */
  private unreadableSidecar(sidecarPath: string, reason: string, generation: number): boolean {
    if (this.generations.get(sidecarPath) !== generation) return false;
    const previous = this.sidecars.get(sidecarPath);
    const finding = unreadableFinding(
      sidecarPath,
      `This sidecar could not be read: ${reason}; its AI uses are not checked or reported`,
      sidecarPath,
    );
    const findings = keepEqualFindings(previous?.findings ?? [], this.settled([finding]));
    this.sidecars.set(sidecarPath, { findings, uses: [], catalog: this.catalogFor(sidecarPath) });
    this.sourceChanged(sidecarPath);
    return (previous?.uses.length ?? 0) > 0;
  }

  /** Writes the media caches that changed, once checks pause (./keptMediaCaches.ts). */
  protected scheduleMediaCacheSave(): void {
    this.mediaCaches.scheduleSave();
  }

  /** Writes every production's media cache that changed (tests call it rather than wait). */
  saveMediaCaches(): Promise<void> {
    return this.mediaCaches.save();
  }

  /** Stops the timers of pending work (re-checks of folder sidecars, undeclared media, the cache save). */
  dispose(): void {
    this.mediaCaches.dispose();
    this.undeclaredCheck.cancel();
  }
}

/**
 * Checks the production at `root` once, as the CLI and reports do: the model's full scan, read out
 * in report order. Configuration problems stop it (ConfigError); a check that fails is thrown.
 */
export async function checkProduction(
  fs: FileSystem,
  root: string,
  caches: CheckCaches = {},
  results?: ResultCache,
  walked?: { scan: ScanResult; sidecarKeyOf: (sidecar: string) => string | undefined },
): Promise<CheckResult> {
  const once = { caches, results, scan: walked?.scan, sidecarKeyOf: walked?.sidecarKeyOf };
  const model = new ProductionModel(fs, { roots: () => [root], loadCustomPacks: () => true }, { once });
  try {
    await model.scan();
    return await model.resultFor(root);
  } finally {
    // Nothing left to wait for: a process that checked once exits as soon as it has printed.
    model.dispose();
  }
}
