import { posixPath } from '../posixPath';
import { DirectoryEntry, FileSystem } from '../fs/fileSystem';
import { NOT_REGULAR_FILE, unreadableReason } from '../errors';
import { CONFIG_FILE_NAME } from '../fileNames';
import { isSidecarPath } from '../sidecar/paths';

/** Folders that never hold production material and can be huge. */
export const DEFAULT_SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.svn', '.hg', '.vscode-test']);

export interface ScanResult {
  /** Every sidecar found, sorted. */
  sidecars: string[];
  /** Every other file, sorted. */
  files: string[];
  /** Folders that could not be listed, and things named like a sidecar that are not files, with why. */
  unreadable: UnreadablePath[];
}

export interface UnreadablePath {
  path: string;
  reason: string;
}

/**
 * What one folder holds: its files, sidecars and sub-folders by name, as the walk found them.
 * Names, not paths: short strings sort faster, and are joined to the folder once, in order.
 */
interface FolderEntries {
  files: string[];
  sidecars: string[];
  folders: string[];
}

/** A clean folder's entry: concatenated, not path.join, since a walk joins every entry. */
const entryPath = (folder: string, name: string) => (folder === '/' ? `/${name}` : `${folder}/${name}`);

/** Walks a production folder, a few directories at a time so large trees do not wait on one read. */
export async function scanProduction(
  fs: FileSystem,
  root: string,
  skipped: ReadonlySet<string> = DEFAULT_SKIPPED_FOLDERS,
): Promise<ScanResult> {
  const start = posixPath.normalize(root);
  const top = start.length > 1 && start.endsWith('/') ? start.slice(0, -1) : start;
  const found = new Map<string, FolderEntries>();
  const unreadable: UnreadablePath[] = [];
  const pending = [top];
  const concurrency = 16;
  const turns = sharedTurns;
  const worker = async () => {
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      for (let wait = turns.due(); wait; wait = turns.due()) await wait;
      const entries: FolderEntries = { files: [], sidecars: [], folders: [] };
      let listed: DirectoryEntry[];
      try {
        listed = await fs.readDirectory(folder);
      } catch (error) {
        // One folder that cannot be listed is reported; the rest of the production is still walked.
        const reason = unreadableReason(error);
        if (reason === undefined) throw error;
        unreadable.push({ path: folder, reason });
        continue;
      }
      for (const { name, type } of listed) {
        if (type === 'directory') {
          if (skipped.has(name)) continue;
          const full = entryPath(folder, name);
          if (isSidecarPath(name)) unreadable.push({ path: full, reason: 'it is a folder, named like a sidecar' });
          pending.push(full);
          entries.folders.push(name);
        } else if (type === 'file') {
          (isSidecarPath(name) ? entries.sidecars : entries.files).push(name);
        } else if (type === 'other' && (isSidecarPath(name) || name === CONFIG_FILE_NAME)) {
          // A FIFO or device where a record belongs: reported, never opened.
          unreadable.push({ path: entryPath(folder, name), reason: `it is ${NOT_REGULAR_FILE}` });
        }
      }
      found.set(folder, entries);
    }
  };
  // Workers drain the shared stack; each new folder is picked up by whichever worker is free.
  while (pending.length > 0) {
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  }
  return {
    ...(await inPathOrder(found, top, turns)),
    unreadable: unreadable.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/**
 * The walk's files and sidecars in code-unit order, as one sort of all their paths would give, but
 * sorted a folder at a time: a folder's own files among its sub-folders (each as "name/", since
 * all its paths start so, and they all come in its place). One sort of a render farm's hundreds
 * of thousands of paths held the host for many frames; a folder's few hundred take well under a
 * millisecond, and the loop may turn between folders.
 */
async function inPathOrder(
  found: ReadonlyMap<string, FolderEntries>,
  top: string,
  turns: TurnBudget,
): Promise<Omit<ScanResult, 'unreadable'>> {
  const files: string[] = [];
  const sidecars: string[] = [];
  const open = (folder: string) => {
    const entries = found.get(folder) ?? { files: [], sidecars: [], folders: [] };
    // The default sort compares UTF-16 code units, as `<` (and the binary searches on these lists) do.
    return {
      path: folder,
      files: entries.files.sort(),
      sidecars: entries.sidecars.sort(),
      folders: entries.folders.map((sub) => `${sub}/`).sort(),
      file: 0,
      sidecar: 0,
      folder: 0,
    };
  };
  // Folders being listed, innermost last: a loop, not recursion, however deep the tree.
  const stack = [open(top)];
  while (stack.length > 0) {
    for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    const current = stack[stack.length - 1];
    const next = current.folders[current.folder];
    while (current.file < current.files.length && (next === undefined || current.files[current.file] < next))
      files.push(entryPath(current.path, current.files[current.file++]));
    while (current.sidecar < current.sidecars.length && (next === undefined || current.sidecars[current.sidecar] < next))
      sidecars.push(entryPath(current.path, current.sidecars[current.sidecar++]));
    if (next === undefined) stack.pop();
    else {
      current.folder++;
      stack.push(open(entryPath(current.path, next.slice(0, -1))));
    }
  }
  return { sidecars, files };
}

/**
 * Runs `task` over `items` with at most `limit` in flight, keeping results in input order. Every
 * few milliseconds of work it lets the event loop turn: with a file system that answers at once
 * (blocking reads of cached files) nothing else would.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const turns = sharedTurns;
  const worker = async () => {
    for (;;) {
      for (let wait = turns.due(); wait; wait = turns.due()) await wait;
      // Checked after the wait: other workers may have taken the last items meanwhile.
      if (next >= items.length) return;
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Work between turns of the event loop, shared by concurrent workers: once a turn's share of time
 * is spent, every worker waits for the same next turn, and there only one goes on until the share
 * is spent again (each waiting on a turn of its own, sixteen workers would each take a share
 * before the loop came round).
 *
 * Callers loop `for (let wait = turns.due(); wait; wait = turns.due()) await wait;` right before
 * their work: the check and the work must run in the same microtask, or every resumed worker
 * would pass the check before any of them had worked. A share is counted from creation or from
 * the last turn waited for, and starts afresh once the event loop has been idle since (it waited
 * for I/O or a timer: the host was free, and work now is a new stretch).
 */
export class TurnBudget {
  private since = performance.now();
  private idleSince = idleTime();
  private nextTurn: Promise<void> | undefined;

  /** `milliseconds`: the share of a turn (every caller says its own: checks 5, report steps 4). */
  constructor(private readonly milliseconds: number) {}

  /** The turn to wait for once this one's share is spent; `undefined` while work may go on. */
  due(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.since < this.milliseconds) return undefined;
    if (this.nextTurn) return this.nextTurn;
    const idle = idleTime();
    if (idle !== this.idleSince) {
      this.since = now;
      this.idleSince = idle;
      return undefined;
    }
    this.nextTurn = yieldToEventLoop().then(() => {
      this.since = performance.now();
      this.idleSince = idleTime();
      this.nextTurn = undefined;
    });
    return this.nextTurn;
  }
}

/**
 * How long the event loop has waited with nothing to do, in all (it grows only while the loop
 * waits). Node measures it; a web worker does not, and there every spent share waits for a turn.
 */
function idleTime(): number {
  const { eventLoopUtilization } = performance as Partial<Pick<typeof performance, 'eventLoopUtilization'>>;
  return eventLoopUtilization?.call(performance).idle ?? 0;
}

/**
 * The share of this thread's turns that a production's checks spend: one for all of them, so
 * sixteen sidecars checked at once, each looping over its uses, still keep within one share a
 * turn together (with a budget each, their shares added up to most of a frame).
 * A third of a frame: in the editor a share meets the collector's pauses and the views' own work
 * in the same turn, and a larger share made longer stretches without finishing scans sooner
 * (docs/performance.md).
 */
export const sharedTurns = new TurnBudget(5);

/**
 * Long synchronous work written once as a generator that yields where it may pause: run at once
 * for its result (`runSteps`), or a few milliseconds per turn of the event loop (`runStepsInTurns`).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Items handled between two points where work in steps may pause (a report's rows: a few milliseconds). */
export const ITEMS_PER_STEP = 500;

export interface InStepsOptions<T, R> {
  /** Items between pauses (ITEMS_PER_STEP). */
  perStep?: number;
  /**
   * What an item costs, in items (1 each): a use covering a folder of frames costs more than one.
   * Asked once per item, in order, before the item is mapped.
   */
  weight?: (item: T) => number;
  /** Where the results go (a renderer's pieces); a new array by default. Returned. */
  into?: R[];
}

/**
 * `items.map(map)` as steps, pausing after every `perStep` items (or their weight), and before an
 * item that would overrun the step: an item that weighs a whole step has a step to itself.
 */
export function* mapInSteps<T, R>(items: readonly T[], map: (item: T) => R, options: InStepsOptions<T, R> = {}): Steps<R[]> {
  const { perStep = ITEMS_PER_STEP, weight, into = [] } = options;
  let load = 0;
  for (const item of items) {
    const cost = weight ? weight(item) : 1;
    if (load > 0 && load + cost > perStep) {
      load = 0;
      yield;
    }
    into.push(map(item));
    load += cost;
    if (load >= perStep) {
      load = 0;
      yield;
    }
  }
  return into;
}

/**
 * `[...items].sort(compare)` as steps: the same order (a stable merge sort, as Array.prototype.sort
 * is stable), runs of `perStep` items sorted at once, then merged `perStep` items a step.
 */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number, perStep = ITEMS_PER_STEP): Steps<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += perStep) {
    runs.push(items.slice(start, start + perStep).sort(compare));
    yield;
  }
  let merged = 0;
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i + 1 < runs.length; i += 2) {
      const [left, right] = [runs[i], runs[i + 1]];
      // Runs already in order (a production's findings come sidecar by sidecar, in path order) join as they are.
      if (compare(right[0], left[left.length - 1]) >= 0) {
        next.push(left.concat(right));
        yield;
        continue;
      }
      const out: T[] = [];
      let l = 0;
      let r = 0;
      while (l < left.length && r < right.length) {
        // On a tie the left (earlier) item first: stable.
        out.push(compare(right[r], left[l]) < 0 ? right[r++] : left[l++]);
        if (++merged % perStep === 0) yield;
      }
      while (l < left.length) out.push(left[l++]);
      while (r < right.length) out.push(right[r++]);
      next.push(out);
    }
    if (runs.length % 2 === 1) next.push(runs[runs.length - 1]);
    runs = next;
  }
  return runs[0] ?? [];
}

/**
 * Runs steps a few milliseconds per turn, less than the checks' share: building and rendering a
 * report allocates what survives (its rows), and a turn's share plus a collector's pause should
 * still fit in a frame.
 */
export async function runStepsInTurns<T>(steps: Steps<T>): Promise<T> {
  const turns = new TurnBudget(4);
  for (;;) {
    for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Lets the event loop turn (timers, I/O, an editor's requests) before long work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => nextTurn(resolve));
}

/** Node's setImmediate (after pending I/O, with no timer's minimum wait); a web worker has none, and takes a timeout. */
const nextTurn: (callback: () => void) => void =
  (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ?? ((callback) => setTimeout(callback, 0));
