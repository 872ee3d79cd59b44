import { FileSystem } from './fileSystem';

/** A writer holds a sidecar's lock for milliseconds; one older than this was left by a crash. */
export const STALE_LOCK_MS = 10_000;
/** How long a writer waits for another before saying so. */
export const LOCK_WAIT_MS = 5_000;

export class LockTimeoutError extends Error {
  constructor(readonly path: string) {
    super(`${path} is being written by another program (its lock ${path}.lock is held); nothing was changed, try again`);
    this.name = 'LockTimeoutError';
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` as the only writer of `path`: in this process writers queue; across processes (the
 * editor and the CLI, two windows) a `<path>.lock` file created exclusively keeps them apart. The
 * work re-reads the file inside, so each writer applies its change to the other's result.
 */
export function withFileLock<T>(fs: FileSystem, path: string, work: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => holdingLock(fs, path, work, now));
  const settled = run.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return run;
}

async function holdingLock<T>(fs: FileSystem, path: string, work: () => Promise<T>, now: () => number): Promise<T> {
  const lock = `${path}.lock`;
  const owner = new TextEncoder().encode(JSON.stringify({ pid: process.pid, at: now() }));
  const started = now();
  for (let attempt = 0; !(await fs.createExclusive(lock, owner)); attempt++) {
    if (await isStale(fs, lock, now)) {
      await fs.delete(lock);
      continue;
    }
    if (now() - started > LOCK_WAIT_MS) throw new LockTimeoutError(path);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, 2 + attempt * 5)));
  }
  try {
    return await work();
  } finally {
    await fs.delete(lock).catch(() => undefined);
  }
}

/** A lock says when it was taken; one that does not (or cannot be read) goes by the file's time. */
async function isStale(fs: FileSystem, lock: string, now: () => number): Promise<boolean> {
  try {
    const { at } = JSON.parse(new TextDecoder().decode(await fs.readFile(lock))) as { at?: unknown };
    if (typeof at === 'number') return now() - at > STALE_LOCK_MS;
  } catch {
    // Unreadable or half-written: fall back to its modification time.
  }
  const stat = await fs.stat(lock);
  return stat !== undefined && stat.mtimeMs > 0 && now() - stat.mtimeMs > STALE_LOCK_MS;
}
