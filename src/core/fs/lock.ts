import { Refusal } from '../errors';
import { FileSystem, isMissingFileError, sameBytes } from './fileSystem';
import { fnv1a } from '../text/fingerprint';
import { randomToken } from '../randomToken';

/**
 * How long a lock that does not change is waited for before its holder is judged stuck and the lock
 * taken over. A writer holds a sidecar's lock for milliseconds, so this is a hung or paused program;
 * its write cannot land afterwards over another's (`updateSidecar` compares before it commits).
 */
export const LOCK_PATIENCE_MS = 10_000;
/** A lock file that does not say who holds it is a writer caught between creating and filling it, or debris. */
export const BROKEN_LOCK_GRACE_MS = 2_000;
/** A lock that keeps changing hands for this long is given up on, with a message: never wait for ever. */
export const LOCK_GIVE_UP_MS = 3 * LOCK_PATIENCE_MS;

/** What a lock file records: enough to tell whether its holder is still there, and to name it. */
export interface LockHolder {
  pid: number;
  host: string;
  program: string;
  /** When the lock was taken, by the holder's clock: shown to people, never trusted for staleness. */
  since: number;
  /** Unique to this taking of the lock: a holder releases only its own lock. */
  token: string;
}

/** The process around the core: who it is, whether another process is alive, the clock. */
export interface LockEnvironment {
  self: { pid: number; host: string; program: string };
  /** Whether a process of this machine is running; `undefined` when that cannot be told. */
  isRunning(pid: number): boolean | undefined;
  now(): number;
  /** Told once per holder waited for, in words a person can act on. */
  onWait?(message: string): void;
}

/** Where nothing is known of processes (a web worker): every holder is waited for, then judged by patience. */
const unknownProcesses: LockEnvironment = {
  self: { pid: 0, host: 'unknown', program: 'AI Disclosure' },
  isRunning: () => undefined,
  now: () => Date.now(),
};

let environment: LockEnvironment = unknownProcesses;

/** Set once by the program that runs the core (the CLI, the extension). */
export function configureLocks(configured: LockEnvironment): void {
  environment = configured;
}

export class LockTimeoutError extends Refusal {
  constructor(
    readonly path: string,
    holder: string,
  ) {
    super(`${path} is being written by ${holder} (its lock ${path}.lock keeps being taken); nothing was changed, try again`);
  }
}

/** A lock path taken by something this tool never writes (a folder): removing it is the person's call. */
export class LockBlockedError extends Refusal {
  constructor(readonly path: string) {
    super(`${path}.lock is a folder, not a lock AI Disclosure made; remove it to write ${path} (nothing was changed)`);
  }
}

const LOCK_SUFFIX = '.lock';
const TAKEOVER_INFIX = '.takeover-';
const SIDECAR_LOCK_FILE = /\.ai\.json\.lock(\.takeover-[^/]*)?$/;

/** A sidecar's lock file or a takeover marker of one: what watchers and trust checks treat as the sidecar's own working files. */
export function isSidecarLockPath(path: string): boolean {
  return SIDECAR_LOCK_FILE.test(path);
}

const queues = new Map<string, Promise<unknown>>();
const held = new Map<string, Uint8Array>();

/** The locks this process holds now, with their content: what a signal handler removes before exiting. */
export function heldLocks(): ReadonlyMap<string, Uint8Array> {
  return held;
}

/**
 * Runs `work` as the only writer of `path`: in this process writers queue; across processes (the
 * editor and the CLI, two windows, two machines on a shared drive) a `<path>.lock` file created
 * exclusively keeps them apart. The work re-reads the file inside, so each writer applies its change
 * to the other's result.
 */
export function withFileLock<T>(fs: FileSystem, path: string, work: () => Promise<T>, locks: LockEnvironment = environment): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => holdingLock(fs, path, work, locks));
  const settled = run.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return run;
}

async function holdingLock<T>(fs: FileSystem, path: string, work: () => Promise<T>, locks: LockEnvironment): Promise<T> {
  const lock = `${path}${LOCK_SUFFIX}`;
  const mine = encoder.encode(
    JSON.stringify({ ...locks.self, since: locks.now(), token: randomToken(LOCK_TOKEN_BYTES) } satisfies LockHolder),
  );
  await acquire(fs, path, lock, mine, locks);
  held.set(lock, mine);
  try {
    return await work();
  } finally {
    held.delete(lock);
    await releaseIfMine(fs, lock, mine).catch(() => undefined);
  }
}

/** One lock content as seen, the holder it names, and since when (by this process's clock) it has not changed. */
interface Sighting {
  bytes: Uint8Array;
  holder: LockHolder | undefined;
  firstSeen: number;
}

/** `bytes` as this process has seen them: the last sighting while they are unchanged, else a new one from now. */
function sighted(last: Sighting | undefined, bytes: Uint8Array, locks: LockEnvironment): Sighting {
  return last && sameBytes(last.bytes, bytes) ? last : { bytes, holder: parseHolder(bytes), firstSeen: locks.now() };
}

async function acquire(fs: FileSystem, path: string, lock: string, mine: Uint8Array, locks: LockEnvironment): Promise<void> {
  const started = locks.now();
  let sighting: Sighting | undefined;
  const markers = new Map<string, Sighting>();
  for (let attempt = 0; !(await fs.createExclusive(lock, mine)); attempt++) {
    const seen = await readLock(fs, path, lock);
    if (seen === undefined) continue; // released meanwhile: try again at once
    const last = sighting;
    sighting = sighted(last, seen, locks);
    const { holder } = sighting;
    if (sighting !== last && holder && isGone(holder, locks) !== true)
      locks.onWait?.(`waiting for ${describeHolder(holder)}, which is writing ${path}`);
    // Taken over, the lock is tried again at once; another writer's takeover in progress is waited for.
    if (isAbandoned(sighting, locks) && (await takeOver(fs, lock, seen, mine, locks, markers))) continue;
    if (locks.now() - started > LOCK_GIVE_UP_MS) {
      throw new LockTimeoutError(path, sighting.holder ? describeHolder(sighting.holder) : 'another program');
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, 2 + attempt * 5)));
  }
}

/**
 * Judged only by what this process can see: a holder gone from this machine, or a lock unchanged
 * for longer than any writer holds one. Timestamps in the lock are never trusted, so a clock in the
 * future cannot make a lock last for ever.
 */
function isAbandoned({ holder, firstSeen }: Sighting, locks: LockEnvironment): boolean {
  if (holder && isGone(holder, locks)) return true;
  const unchangedFor = locks.now() - firstSeen;
  return unchangedFor > (holder ? LOCK_PATIENCE_MS : BROKEN_LOCK_GRACE_MS);
}

/** `true` when the holder was a process of this machine that is no longer running. */
function isGone(holder: LockHolder, locks: LockEnvironment): boolean | undefined {
  if (holder.host !== locks.self.host || locks.self.host === 'unknown') return undefined;
  const running = locks.isRunning(holder.pid);
  return running === undefined ? undefined : !running;
}

/**
 * Takes over the lock whose content was `judged`, so that two writers who judged it abandoned
 * cannot both end up holding it: a marker named after that exact content is created exclusively
 * first, so only one of them removes it, and only if it is still that content (a lock taken since
 * by a live writer is left alone). `markers`: the other writers' markers as this one has seen them.
 */
async function takeOver(
  fs: FileSystem,
  lock: string,
  judged: Uint8Array,
  mine: Uint8Array,
  locks: LockEnvironment,
  markers: Map<string, Sighting>,
): Promise<boolean> {
  const marker = `${lock}${TAKEOVER_INFIX}${fingerprint(judged)}`;
  if (!(await fs.createExclusive(marker, mine))) {
    // Another writer is taking it over; its marker is debris once its own holder is gone.
    const other = await fs.readFile(marker).catch(() => undefined);
    if (other === undefined) return true; // that takeover is over: try again at once
    const seen = sighted(markers.get(marker), other, locks);
    markers.set(marker, seen);
    // A marker that names no one is most likely being written this very moment (created, its
    // holder not yet in it): taken for debris at once, it was removed under a live taker, and two
    // writers ended up holding the lock. Debris only once it has stayed so past the grace.
    if (seen.holder ? isGone(seen.holder, locks) !== true : !isAbandoned(seen, locks)) return false;
    await fs.delete(marker).catch(() => undefined);
    return true;
  }
  try {
    const current = await fs.readFile(lock).catch(() => undefined);
    if (current && sameBytes(current, judged)) await fs.delete(lock);
  } finally {
    await fs.delete(marker).catch(() => undefined);
  }
  return true;
}

async function releaseIfMine(fs: FileSystem, lock: string, mine: Uint8Array): Promise<void> {
  const current = await fs.readFile(lock).catch(() => undefined);
  // Taken over while this writer was paused: that lock is the new holder's now.
  if (current && sameBytes(current, mine)) await fs.delete(lock);
}

/** The lock's bytes; `undefined` when it is gone. A folder there is refused rather than waited for. */
async function readLock(fs: FileSystem, path: string, lock: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(lock);
  } catch (error) {
    if ((await fs.stat(lock).catch(() => undefined))?.type === 'directory') throw new LockBlockedError(path);
    if (isMissingFileError(error)) return undefined;
    // Unreadable (a special file, no permission): its content is unknown, which the grace covers.
    return encoder.encode(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The holder a lock names; `undefined` for a lock being written, an older release's, or debris. */
function parseHolder(bytes: Uint8Array): LockHolder | undefined {
  try {
    const value = JSON.parse(decoder.decode(bytes)) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.token !== 'string') return undefined;
    return {
      pid: value.pid,
      host: value.host,
      token: value.token,
      program: typeof value.program === 'string' ? value.program : 'another program',
      since: typeof value.since === 'number' ? value.since : NaN,
    };
  } catch {
    return undefined;
  }
}

function describeHolder(holder: LockHolder): string {
  const since = Number.isFinite(holder.since) ? ` since ${new Date(holder.since).toISOString()}` : '';
  return `${holder.program} (process ${holder.pid} on ${holder.host}${since})`;
}

/** FNV-1a of the bytes and their length: names one lock content in a marker file. */
function fingerprint(bytes: Uint8Array): string {
  return `${fnv1a(bytes).replace(/^0+(?=.)/, '')}-${bytes.length}`;
}

/** How long a lock's owner token is (bytes): enough that two writers never draw the same. */
const LOCK_TOKEN_BYTES = 12;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
