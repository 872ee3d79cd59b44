import { ConfigCascade, ConfigProblem } from '../config/config';
import { compareFindings, Finding } from '../findings';
import { MediaCache } from '../fs/mediaCache';
import { RuleCatalog, RuleDefinition } from '../policy/rules';
import { candidateSidecarsFor, isAtOrUnder } from '../sidecar/paths';
import { SidecarMemo } from '../sidecar/store';
import { includesSorted } from '../sorted';
import { CheckCaches, CheckResult, UseRecord } from './check';
import { runStepsInTurns, sortInSteps } from './scan';
import type { CheckMemory } from './useFindings';
import { emptyLookCaches, LookCaches } from './firstLook';

const NO_USES: readonly UseRecord[] = [];

/** The source of the findings about assets marked as AI-made in their metadata with no use recorded. */
export const UNDECLARED_SOURCE = '#undeclared';
/** The source of the findings about folders the walk could not list and special files where records belong. */
export const UNREADABLE_SOURCE = '#unreadable';

/** What changed: the sources (sidecar paths, UNDECLARED_SOURCE) whose findings or uses did, or `undefined` for everything. */
export interface ModelChange {
  sources: ReadonlySet<string> | undefined;
}

export interface SidecarState {
  findings: Finding[];
  uses: UseRecord[];
  /** The rules the findings were made under (their diagnostics link each rule's page). */
  catalog: RuleCatalog;
}

/** What checks under one production folder reuse: its media cache, and parsed sidecars where they are kept. */
export type CachesOfRoot = CheckCaches & { media: MediaCache };

/**
 * What a production model knows, and the questions views, commands and reports ask of it; the
 * model (./production.ts) keeps it current.
 */
export abstract class ProductionState {
  /**
   * `caches`: the parsed sidecars and checks a look made before the model existed (an editor's
   * first look at open files, ./firstLook.ts), kept as the model's own.
   */
  constructor(caches: LookCaches = emptyLookCaches()) {
    this.parsedSidecars = caches.sidecars;
    this.keptChecks = caches.memory;
    this.otherCaches = { sidecars: this.parsedSidecars, memory: this.keptChecks, media: new MediaCache() };
  }

  protected readonly sidecars = new Map<string, SidecarState>();
  protected files: string[] = [];
  protected configs: ConfigCascade[] = [];
  protected configProblemList: readonly ConfigProblem[] = [];
  /** Parsed sidecars, reused while unchanged: a keystroke re-checks in a millisecond. */
  protected readonly parsedSidecars: SidecarMemo;
  /** Their findings, given back as they were while they and their uses stay the same. */
  protected readonly keptChecks: CheckMemory;
  protected checkCachesByRoot = new Map<string, CachesOfRoot>();
  /** For a path in no production folder. */
  protected readonly otherCaches: CachesOfRoot;
  /** Assets marked as AI-made in their own metadata that no use covers. */
  protected undeclared: Finding[] = [];
  /** Folders that could not be listed, special files named like records. */
  protected unreadable: Finding[] = [];
  /** Media no use covers whose provenance could not be read, in the last check of undeclared media. */
  protected unreadableMedia: readonly string[] = [];
  /** For each walk of a scan running now, the paths changed since it began: it may list them as they were. */
  private readonly changedSinceWalks = new Set<Set<string>>();

  /**
   * Starts noting what changes while a walk runs; the returned function stops and gives the paths.
   * Stop it however the scan ends: a failed scan's list would otherwise grow for good.
   */
  protected noteChangesDuringWalk(): () => string[] {
    const changed = new Set<string>();
    this.changedSinceWalks.add(changed);
    return () => {
      this.changedSinceWalks.delete(changed);
      return [...changed];
    };
  }

  /** Paths written or reported changed, noted for every walk running now. */
  protected changedWhileWalking(paths: readonly string[]): void {
    for (const changed of this.changedSinceWalks) for (const path of paths) changed.add(path);
  }

  /** What a check of a path may reuse: the parsed sidecars, and its production's media cache. */
  checkCachesFor(path: string): CachesOfRoot {
    const root = this.configFor(path)?.root;
    return (root !== undefined && this.checkCachesByRoot.get(root)) || this.otherCaches;
  }

  /** The configuration that applies to a path: its production folder's cascade. */
  configFor(path: string): ConfigCascade | undefined {
    // Asked for every sidecar, file and finding of a scan: no string made per call.
    return this.configs.find((c) => isAtOrUnder(path, c.root));
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
    all.add(UNREADABLE_SOURCE);
    return all;
  }

  /** One source's findings (a sidecar's, or UNDECLARED_SOURCE's); `undefined` for a sidecar that is gone. */
  findingsOf(source: string): readonly Finding[] | undefined {
    if (source === UNDECLARED_SOURCE) return this.undeclared;
    return source === UNREADABLE_SOURCE ? this.unreadable : this.sidecars.get(source)?.findings;
  }

  /** One sidecar's use records; `undefined` when it is gone. */
  usesOf(source: string): readonly UseRecord[] | undefined {
    return this.sidecars.get(source)?.uses;
  }

  get findings(): Finding[] {
    return [...[...this.sidecars.values()].flatMap((s) => s.findings), ...this.undeclared, ...this.unreadable];
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

  /**
   * Uses recorded for a file, by its own sidecar or a folder sidecar's globs: found in the few
   * sidecars that can hold them (its own, then each folder's up to its production's), each use's
   * covered files being sorted. No index of every covered frame is kept: building one was most of
   * what a large production's scan spent on its folder sidecars, for a question asked per row.
   */
  usesFor(path: string): readonly UseRecord[] {
    let found: UseRecord[] | undefined;
    for (const sidecar of candidateSidecarsFor(path, this.configFor(path)?.root ?? '/')) {
      for (const record of this.sidecars.get(sidecar)?.uses ?? NO_USES)
        if (includesSorted(record.subjects, path)) (found ??= []).push(record);
    }
    return found ?? NO_USES;
  }

  /** Is this one of the model's production folders (an editor's workspace folder)? */
  isProductionRoot(path: string): boolean {
    return this.configs.some((c) => c.root === path);
  }

  /** Everything checked under one production folder, findings in report order (the CLI's and a report's view). */
  async resultFor(root: string): Promise<CheckResult> {
    const config = this.configs.find((c) => c.root === root);
    if (!config) throw new Error(`${root} is not one of the model's production folders`);
    const under = (file: string) => this.configFor(file) === config;
    const sidecars = [...this.sidecars.keys()].filter(under);
    const findings = await runStepsInTurns(
      sortInSteps(
        [
          ...sidecars.flatMap((path) => this.sidecars.get(path)?.findings ?? []),
          ...this.undeclared.filter((f) => under(f.file)),
          ...this.unreadable.filter((f) => under(f.file)),
        ],
        compareFindings,
      ),
    );
    return {
      root,
      findings,
      uses: sidecars.flatMap((path) => this.sidecars.get(path)?.uses ?? []),
      sidecarCount: sidecars.length,
      unreadableMedia: this.unreadableMedia.filter(under),
      config,
    };
  }
}
