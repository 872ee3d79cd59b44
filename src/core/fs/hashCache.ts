import { FileSystem, FileStat, isMissingFileError, readText, writeTextAtomic } from './fileSystem';

/**
 * Content hashes by file, valid while the file keeps its size and modification time (as git's
 * index does): checking a production then reads tagged media once, not on every check.
 */
export class HashCache {
  private readonly entries = new Map<string, [size: number, mtimeMs: number, sha256: string]>();
  private changed = false;

  constructor(private readonly limit = 200_000) {}

  /** The file's SHA-256, from the cache when the file is unchanged, else read (streamed) and kept. */
  async sha256(fs: FileSystem, file: string, stat: FileStat): Promise<string> {
    const known = this.entries.get(file);
    if (known && known[0] === stat.size && known[1] === stat.mtimeMs && stat.mtimeMs > 0) return known[2];
    const hash = await fs.sha256(file);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(file, [stat.size, stat.mtimeMs, hash]);
    this.changed = true;
    return hash;
  }

  /** Reads a cache file written by `save`; a missing or unreadable one starts empty. */
  static async load(fs: FileSystem, file: string): Promise<HashCache> {
    const cache = new HashCache();
    try {
      const data = JSON.parse(await readText(fs, file)) as { version?: number; entries?: Record<string, [number, number, string]> };
      if (data.version === 1 && data.entries) for (const [key, value] of Object.entries(data.entries)) cache.entries.set(key, value);
    } catch (error) {
      if (!isMissingFileError(error) && !(error instanceof SyntaxError)) throw error;
    }
    return cache;
  }

  /** Writes the cache atomically (its folder must exist) if anything was added; failing only costs time. */
  async save(fs: FileSystem, file: string): Promise<void> {
    if (!this.changed) return;
    try {
      await writeTextAtomic(fs, file, JSON.stringify({ version: 1, entries: Object.fromEntries(this.entries) }));
      this.changed = false;
    } catch {
      // The cache only saves time.
    }
  }
}
