import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  Dirent,
  fstatSync,
  openSync,
  promises as fsp,
  readdirSync,
  readFileSync,
  readSync,
  Stats,
  statSync,
  unlinkSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ByteReader, DirectoryEntry, FileStat, FileSystem, FileTooLargeError, NotRegularFileError } from './fileSystem';
import { heldLocks, LockEnvironment } from './lock';

function toDirectoryEntry(entry: Dirent): DirectoryEntry {
  return {
    name: entry.name,
    type: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'other',
  };
}

/**
 * Files are opened without blocking, then refused unless they are regular files: opening a FIFO
 * for reading waits for a writer, which would hang a check (or a CI job) for ever. A folder keeps
 * the error reading it always gave (EISDIR).
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's size; anything but a regular file is refused. */
function regularFileSize(path: string, stats: Stats): number {
  if (stats.isFile()) return stats.size;
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
  throw new NotRegularFileError(path);
}

/** A regular file opened for reading, with its size (the one stat the readers need). */
async function openRegular(path: string): Promise<{ handle: fsp.FileHandle; size: number }> {
  const handle = await fsp.open(path, READ_FLAGS);
  try {
    return { handle, size: regularFileSize(path, await handle.stat()) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function openRegularSync(path: string): { descriptor: number; size: number } {
  const descriptor = openSync(path, READ_FLAGS);
  try {
    return { descriptor, size: regularFileSize(path, fstatSync(descriptor)) };
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
}

/** The core's file system on Node's `fs`, for the extension's local files and for tests. */
export const nodeFileSystem: FileSystem = {
  // No folder opened: only the path itself is checked.
  linkOnPath: (path) => nodeLinkOnPath(() => [])(path),
  async readFile(path, maxBytes) {
    // One open for the size check and the read: a check reads thousands of sidecars.
    const { handle, size } = await openRegular(path);
    try {
      if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(path, size);
      // Read into a buffer of the known size (readFile() would ask for the size again).
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },
  async openForReading(path) {
    const { handle } = await openRegular(path);
    return {
      async read(offset, length) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  },
  writeFile: (path, data) => fsp.writeFile(path, data),
  async createExclusive(path, data) {
    try {
      await fsp.writeFile(path, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  delete: (path) => fsp.rm(path, { force: true }),
  async stat(path): Promise<FileStat | undefined> {
    try {
      const stat = await fsp.stat(path);
      return fileStatOf(stat);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async readDirectory(path): Promise<DirectoryEntry[]> {
    return (await fsp.readdir(path, { withFileTypes: true })).map(toDirectoryEntry);
  },
  async sha256(path) {
    const { handle } = await openRegular(path);
    return new Promise((resolve, reject) => {
      const hash = createHash('sha256');
      handle
        .createReadStream()
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', () => resolve(hash.digest('hex')));
    });
  },
  newSha256() {
    const hash = createHash('sha256');
    return { update: (data) => void hash.update(data), hex: () => hash.digest('hex') };
  },
};

/**
 * Node's `fs` for a process that does nothing else while it reads (the CLI). From the page cache a
 * blocking read costs a few microseconds where a thread-pool round trip (open, fstat, read, close)
 * costs several times that. From the disk it is the other way round, as the pool keeps several
 * reads in flight (docs/performance.md has both). So files are read blocking while that is fast, and
 * once the median of a window of reads shows the disk (a lone slow read is a pause, not the disk),
 * the rest of the process's reads go to the pool. With `longestBlockingMs`, for a thread that must
 * not be held (the editor's extension host), one read that long already sends the rest to the
 * pool: a slow network share holds it for one read, not for a window of them. Only stats, opens
 * and reads of small files count: a large file or folder is slow from the cache too.
 */
export function adaptiveNodeFileSystem(
  diskReadMs = DISK_READ_MS,
  longestBlockingMs = Infinity,
): FileSystem & { readonly reads: 'blocking' | 'pooled' } {
  let pooled = false;
  const window: number[] = [];
  /** `sampled` says whether a call's time tells the disk from the cache (a large folder or file is slow from either). */
  const timed =
    <A extends unknown[], R>(blocking: (...args: A) => R, pool: (...args: A) => Promise<R>, sampled: (result: R) => boolean) =>
    async (...args: A): Promise<R> => {
      if (pooled) return pool(...args);
      const started = performance.now();
      const result = blocking(...args);
      if (!sampled(result)) return result;
      const took = performance.now() - started;
      window.push(took);
      if (took > longestBlockingMs) pooled = true;
      else if (window.length === WINDOW) {
        pooled = window.sort((a, b) => a - b)[WINDOW / 2] > diskReadMs;
        window.length = 0;
      }
      return result;
    };
  return {
    ...nodeFileSystem,
    get reads() {
      return pooled ? 'pooled' : 'blocking';
    },
    // A production's scripts (hundreds of kilobytes each) sit side by side: read from the cache,
    // a window of them looked like a disk.
    readFile: timed(readFileBlocking, nodeFileSystem.readFile, (bytes) => bytes.length < SMALL_FILE_BYTES),
    openForReading: timed(openBlocking, nodeFileSystem.openForReading, always),
    stat: timed(statBlocking, nodeFileSystem.stat, always),
    // Folders and whole files of any size follow the mode but do not set it.
    readDirectory: timed(
      (path: string) => readdirSync(path, { withFileTypes: true }).map(toDirectoryEntry),
      nodeFileSystem.readDirectory,
      never,
    ),
    sha256: timed(sha256Blocking, nodeFileSystem.sha256, never),
  };
}

/**
 * Reads per verdict, and the median read time above which they come from a disk worth overlapping:
 * between a page-cache read (tens of microseconds) and a network share's or a spinning disk's
 * (milliseconds); a fast local disk sits near it, where either way takes the same time.
 */
const WINDOW = 32;
const DISK_READ_MS = 0.25;
const always = () => true;
const never = () => false;

function readFileBlocking(path: string, maxBytes?: number): Uint8Array {
  const descriptor = openSync(path, READ_FLAGS);
  try {
    return smallFileBytes(descriptor, maxBytes) ?? readWholeRegularFile(path, descriptor, maxBytes);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * A small file read without asking its size (a stat makes an object per file, most of what a
 * sidecar's read costs): into a scratch buffer until the end, and copied out. `undefined` leaves
 * the file to the careful read (which stats it and refuses what is not a regular file) whenever
 * this one cannot tell: the buffer filled, nothing came back (an empty file, or a FIFO or device),
 * or the read failed (a folder, a FIFO with a writer).
 */
function smallFileBytes(descriptor: number, maxBytes = Infinity): Uint8Array | undefined {
  const scratch = (smallReadScratch ??= Buffer.allocUnsafe(SMALL_FILE_BYTES));
  try {
    let filled = 0;
    for (
      let read = readSync(descriptor, scratch, 0, scratch.length, 0);
      read > 0;
      read = readSync(descriptor, scratch, filled, scratch.length - filled, filled)
    ) {
      filled += read;
      if (filled === scratch.length) return undefined;
    }
    return filled === 0 || filled > maxBytes ? undefined : Buffer.from(scratch.subarray(0, filled));
  } catch {
    return undefined;
  }
}

/** Larger than most sidecars and configurations; larger files take the careful read. */
const SMALL_FILE_BYTES = 64 * 1024;
let smallReadScratch: Buffer | undefined;

function readWholeRegularFile(path: string, descriptor: number, maxBytes?: number): Uint8Array {
  const size = regularFileSize(path, fstatSync(descriptor));
  if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(path, size);
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const bytesRead = readSync(descriptor, buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * A stream costs a few events per file, which for thousands of small stills is most of the hashing.
 * One chunk serves every call (they are synchronous): a fresh megabyte per file was a large
 * allocation for each of thousands of small files. Read up to the size the open gave: a small
 * file takes one read, not a second to find its end (a file that grows meanwhile is hashed as it was).
 */
function sha256Blocking(path: string): string {
  const hash = createHash('sha256');
  const { descriptor, size } = openRegularSync(path);
  try {
    const chunk = (hashChunk ??= Buffer.allocUnsafe(HASH_CHUNK_BYTES));
    for (let hashed = 0; hashed < size;) {
      const read = readSync(descriptor, chunk, 0, Math.min(chunk.length, size - hashed), hashed);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
      hashed += read;
    }
  } finally {
    closeSync(descriptor);
  }
  return hash.digest('hex');
}

const HASH_CHUNK_BYTES = 1024 * 1024;
let hashChunk: Buffer | undefined;

function openBlocking(path: string): ByteReader {
  const { descriptor } = openRegularSync(path);
  return {
    async read(offset, length) {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(descriptor, buffer, 0, length, offset));
    },
    close: async () => closeSync(descriptor),
  };
}

function statBlocking(path: string): FileStat | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat && fileStatOf(stat);
}

function fileStatOf(stat: Stats): FileStat {
  return { type: stat.isDirectory() ? 'directory' : 'file', size: stat.size, mtimeMs: stat.mtimeMs, changeMs: stat.ctimeMs };
}

/** Locks as a Node process sees them: its own identity, and whether a process of this machine is running. */
export function nodeLockEnvironment(program: string, onWait?: (message: string) => void): LockEnvironment {
  return {
    self: { pid: process.pid, host: hostname(), program },
    isRunning(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: running, as another user.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    now: () => Date.now(),
    onWait,
  };
}

/**
 * On SIGINT or SIGTERM (Ctrl+C, a cancelled CI job), removes the locks this process holds and exits
 * as interrupted: a lock left behind would make the next writer wait for it.
 */
export function releaseLocksOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      releaseHeldLocksSync();
      process.exit(code);
    });
  }
}

/** Only a lock that is still this process's own is removed (one taken over meanwhile is the new holder's). */
function releaseHeldLocksSync(): void {
  for (const [lock, mine] of heldLocks()) {
    try {
      if (readFileSync(lock).equals(mine)) unlinkSync(lock);
    } catch {
      // Gone already, or taken over: nothing of this process's to remove.
    }
  }
}

/**
 * `FileSystem.linkOnPath` on Node: each folder from the innermost of `roots` that holds the path
 * down to the path itself is looked at without following links (outside every root, only the path
 * itself). Links above the root (a home folder reached through one) are the person's own set-up.
 */
export function nodeLinkOnPath(roots: () => readonly string[]): (path: string) => Promise<string | undefined> {
  return async (path) => {
    const root = roots()
      .filter((candidate) => path.startsWith(candidate.endsWith('/') ? candidate : `${candidate}/`))
      .sort((a, b) => b.length - a.length)[0];
    const stop = root ?? posix.dirname(path);
    const steps: string[] = [];
    for (let current = path; current.length > stop.length && current !== posix.dirname(current); current = posix.dirname(current)) {
      steps.unshift(current);
    }
    for (const step of steps) {
      try {
        if ((await fsp.lstat(step)).isSymbolicLink()) return step;
      } catch (error) {
        // Not there yet (a sidecar about to be made): nothing below it is a link either.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    }
    return undefined;
  };
}
