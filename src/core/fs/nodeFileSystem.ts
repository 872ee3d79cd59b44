import { createHash } from 'node:crypto';
import { closeSync, createReadStream, Dirent, fstatSync, openSync, promises as fsp, readdirSync, readSync, statSync } from 'node:fs';
import { DirectoryEntry, FileStat, FileSystem, FileTooLargeError } from './fileSystem';

function toDirectoryEntry(entry: Dirent): DirectoryEntry {
  return { name: entry.name, type: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other' };
}

/** The core's file system on Node's `fs`, for the extension's local files and for tests. */
export const nodeFileSystem: FileSystem = {
  async readFile(path, maxBytes) {
    if (maxBytes === undefined) return fsp.readFile(path);
    // One open for the size check and the read: a check reads thousands of sidecars.
    const handle = await fsp.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new FileTooLargeError(path, size);
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
  async readBytes(path, offset, length) {
    const handle = await fsp.open(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
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
      return { type: stat.isDirectory() ? 'directory' : 'file', size: stat.size, mtimeMs: stat.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async readDirectory(path): Promise<DirectoryEntry[]> {
    return (await fsp.readdir(path, { withFileTypes: true })).map(toDirectoryEntry);
  },
  sha256: (path) =>
    new Promise((resolve, reject) => {
      const hash = createHash('sha256');
      createReadStream(path)
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', () => resolve(hash.digest('hex')));
    }),
};

/**
 * Node's `fs` with blocking reads, for a process that does nothing else while it reads (the CLI):
 * a check reads thousands of small files, and a blocking read of a cached file costs a few
 * microseconds where a thread-pool round trip costs several times that. Writes stay as above.
 */
export const blockingNodeFileSystem: FileSystem = {
  ...nodeFileSystem,
  async readFile(path, maxBytes) {
    const descriptor = openSync(path, 'r');
    try {
      const { size } = fstatSync(descriptor);
      if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(path, size);
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const bytesRead = readSync(descriptor, buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      closeSync(descriptor);
    }
  },
  async readBytes(path, offset, length) {
    const descriptor = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(descriptor, buffer, 0, length, offset));
    } finally {
      closeSync(descriptor);
    }
  },
  async stat(path) {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat && { type: stat.isDirectory() ? 'directory' : 'file', size: stat.size, mtimeMs: stat.mtimeMs };
  },
  async readDirectory(path) {
    return readdirSync(path, { withFileTypes: true }).map(toDirectoryEntry);
  },
};
