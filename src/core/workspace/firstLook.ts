import { CONFIG_FILE_NAME, loadConfigCascade } from '../config/config';
import { FileSystem, readingOnce } from '../fs/fileSystem';
import { RuleCatalog } from '../policy/rules';
import { isAtOrUnder, sidecarPathFor } from '../sidecar/paths';
import { SidecarMemo } from '../sidecar/store';
import { checkSidecar } from './check';
import { keptIn } from '../memo';
import { pendingWork } from '../pendingWork';
import { productionCacheName } from '../fs/mediaCache';
import { RELEASE } from '../release';
import { openFileCheckKey, ResultCache } from './resultCache';
import { TurnBudget, yieldToEventLoop } from './scan';
import { TrackedRanges, UseRecord } from './records';
import { CheckMemory, KeptChecks } from './useFindings';
import { Finding } from '../findings';
import type { SidecarState } from './productionState';

export interface FirstLookOptions {
  loadCustomPacks: boolean;
  tracked: ((scriptPath: string) => TrackedRanges | undefined) | undefined;
  sidecars: SidecarMemo;
  memory: CheckMemory;
  /** Where the first looks' checks are kept between windows, a file per production (none: not kept). */
  keptIn?: () => string | undefined;
}

/** What a look leaves for the checks after it: the sidecars it parsed and the findings it made. */
export interface LookCaches {
  sidecars: SidecarMemo;
  memory: CheckMemory;
}

export function emptyLookCaches(): LookCaches {
  return { sidecars: new Map(), memory: new KeptChecks() };
}

/**
 * A look at the open files made before the production model exists (an editor shows its findings
 * while the rest of the extension loads), handed to the model, which adopts it instead of looking again.
 */
export interface HandedLook {
  /** Kept as the model's own caches. */
  caches: LookCaches;
  /** Each sidecar the look has checked, filled in as it goes. */
  checked: ReadonlyMap<string, SidecarState>;
  /** Resolves once the look is done; rejects if it failed. */
  done: Promise<void>;
}

/**
 * Looks at the open files (`checkOpenFilesFirst`) with caches of its own, telling `shown` of each
 * sidecar as it is checked; the result is handed to the model (`ProductionModelOptions.handedLook`).
 */
export function lookBeforeTheModel(
  fs: FileSystem,
  roots: readonly string[],
  open: readonly string[],
  options: Pick<FirstLookOptions, 'loadCustomPacks' | 'keptIn'>,
  shown: (sidecar: string) => void,
): HandedLook {
  const caches = emptyLookCaches();
  const checked = new Map<string, SidecarState>();
  // No live tracking yet: the editor follows a script's passages once the rest is loaded.
  const look = { ...options, ...caches, tracked: undefined };
  const done = checkOpenFilesFirst(fs, roots, open, look, (sidecar, { findings, uses }, catalog) => {
    checked.set(sidecar, { findings, uses, catalog });
    shown(sidecar);
  });
  return { caches, checked, done };
}

/**
 * Checks the sidecars of open files under the configuration files above them, without walking the
 * production: what a person looks at gets its findings before a large production's walk ends.
 * Skipped where that configuration has a problem (a custom pack cannot be found without the walk)
 * or leaves the file out; the full scan checks every sidecar again either way. With `keptIn`, a
 * check is kept under the key of everything it read (the configuration, the sidecar's bytes, the
 * file's text as the editor holds it), and the next window shows it without checking again.
 */
export async function checkOpenFilesFirst(
  fs: FileSystem,
  roots: readonly string[],
  open: readonly string[],
  options: FirstLookOptions,
  checked: (sidecar: string, check: { findings: Finding[]; uses: UseRecord[] }, catalog: RuleCatalog) => void,
): Promise<void> {
  const keptLooks = new Map<string, Promise<ResultCache | undefined>>();
  const toKeep: (() => void)[] = [];
  const keptFor = (root: string) => keptIn(keptLooks, root, () => keptFirstLooks(fs, options.keptIn?.(), root));
  for (const subject of open) {
    const root = roots.find((r) => isAtOrUnder(subject, r));
    const sidecar = sidecarPathFor(subject);
    if (!root || !(await fs.stat(sidecar).catch(() => undefined))) continue;
    const configFiles: string[] = [];
    for (let folder = parentOf(subject); folder.startsWith(root); folder = parentOf(folder)) {
      const file = `${folder}/${CONFIG_FILE_NAME}`;
      if (await fs.stat(file).catch(() => undefined)) configFiles.unshift(file);
      if (folder === root) break;
    }
    const config = await loadConfigCascade(fs, root, configFiles, { loadCustomPacks: options.loadCustomPacks });
    if (config.problems.length > 0 || config.isExcluded(subject)) continue;
    const tracked = options.tracked?.(subject);
    // Ranges followed through unsaved edits are not in any key: a check with them is never kept.
    const results = tracked ? undefined : await keptFor(root);
    // The key a check is kept under and the check read the sidecar and the script once, alike.
    const once = readingOnce(fs);
    const key = results && (await openFileCheckKey(once, sidecar, config));
    const known = key ? results?.get(sidecar, key) : undefined;
    const check =
      known ??
      (await checkSidecar(once, sidecar, [], tracked, config, {
        sidecars: options.sidecars,
        memory: options.memory,
        turns: FIRST_LOOK_TURNS,
      }));
    checked(sidecar, check, config.catalog);
    if (!known && key && results) toKeep.push(() => results.set(sidecar, key, check));
  }
  // Kept once every open file has its findings and the editor has had a turn to show them: keeping
  // a script's check reads each use's scene, which lays out the script's pages.
  if (keptLooks.size === 0) return;
  void pendingWork.track(
    yieldToEventLoop()
      .then(async () => {
        for (const keep of toKeep) keep();
        for (const results of keptLooks.values()) await (await results)?.save(fs);
      })
      // A cache that cannot be written only costs the next window time.
      .catch(() => undefined),
  );
}

/** The first looks kept for the production at `root`, in `folder` (a file per production); none without a folder. */
async function keptFirstLooks(fs: FileSystem, folder: string | undefined, root: string): Promise<ResultCache | undefined> {
  return folder ? ResultCache.load(fs, `${folder}/${productionCacheName(root)}.first-look.json`, RELEASE) : undefined;
}

/**
 * The open files' check takes turns of up to a long task (as browsers count one) rather than the
 * scan's few milliseconds: at start-up every other extension's work runs between two turns, and
 * one script, waited for by the person who opened it, would wait behind all of it many times over.
 */
const FIRST_LOOK_TURNS = new TurnBudget(50);

/** The folder a path is in (paths here are absolute and use "/"). */
function parentOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), 1));
}
