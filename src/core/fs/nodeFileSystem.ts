import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { DirectoryEntry, FileStat, FileSystem, FileTooLargeError } from './fileSystem';

/** The core's file system on Node's `fs`, for the CLI and for tests. */
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
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({
      name: entry.name,
      type: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
    }));
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
