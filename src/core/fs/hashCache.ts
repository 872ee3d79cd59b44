import { createHash } from 'node:crypto';
import { FileSystem, FileStat, isMissingFileError, readText, writeTextAtomic } from './fileSystem';

/**
 * Content hashes by file, valid while the file keeps its size and modification time (as git's
 * index does): checking a production then reads tagged media once, not on every check.
 */
export class HashCache {
  private readonly entries = new Map<string, [size: number, mtimeMs: number, sha256: string]>();
  /** The files asked for since loading: what `save` keeps. */
  private readonly asked = new Set<string>();
  private changed = false;

  constructor(private readonly limit = 200_000) {}

  /** The file's SHA-256, from the cache when the file is unchanged, else read (streamed) and kept. */
  async sha256(fs: FileSystem, file: string, stat: FileStat): Promise<string> {
    const known = this.entries.get(file);
    if (known && known[0] === stat.size && known[1] === stat.mtimeMs && stat.mtimeMs > 0) {
      this.asked.add(file);
      return known[2];
    }
    const hash = await fs.sha256(file);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(file, [stat.size, stat.mtimeMs, hash]);
    this.asked.add(file);
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

  /**
   * Writes the hashes of the files asked for since loading, atomically (the folder must exist), when
   * one was added or one is to be dropped; failing only costs time. A cache file belongs to one
   * production and a run asks for all of its tagged media, so a file deleted, renamed or untagged
   * since the last run leaves the cache here.
   */
  async save(fs: FileSystem, file: string): Promise<void> {
    if (!this.changed && this.asked.size === this.entries.size) return;
    const kept: Record<string, [number, number, string]> = {};
    for (const asked of this.asked) {
      const entry = this.entries.get(asked);
      if (entry) kept[asked] = entry;
    }
    try {
      await writeTextAtomic(fs, file, JSON.stringify({ version: 1, entries: kept }));
      this.changed = false;
    } catch {
      // The cache only saves time.
    }
  }
}

/**
 * The name of a production's cache file: its folder's name, readable, and a digest of its full
 * path, so each production loads only its own hashes (one file for every production a person ever
 * checked grew to tens of thousands of entries, parsed on every run).
 */
export function hashCacheFileName(productionRoot: string): string {
  const readable = productionRoot.split('/').filter(Boolean).pop()?.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) ?? '';
  const digest = createHash('sha256').update(productionRoot).digest('hex').slice(0, 16);
  return `${readable ? `${readable}-` : ''}${digest}.json`;
}
