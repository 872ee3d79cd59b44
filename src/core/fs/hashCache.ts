import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { toPosixPath } from '../sidecar/paths';
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
   * one was added or one is to be dropped, and forgets the others; failing only costs time. A cache
   * file belongs to one production and a whole check asks for all of its tagged media, so a file
   * deleted, renamed or untagged since the last check leaves the cache here. (Saved mid-check, it
   * would drop what the check had not asked for yet.)
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
      for (const known of this.entries.keys()) if (!this.asked.has(known)) this.entries.delete(known);
    } catch {
      // The cache only saves time.
    }
  }
}

/**
 * The hash caches of the productions a process checks, a file each in `folder` (none: kept for
 * the process only), read at a production's first check and written when they changed. The CLI
 * and the editor share the folder, so either one's hashes save the other reading the media.
 */
export class ProductionHashCaches {
  private readonly loaded = new Map<string, Promise<HashCache>>();

  constructor(
    private readonly fs: FileSystem,
    private readonly folder: string | undefined,
  ) {}

  /** The cache of the production at `root`, read from its file the first time. */
  of(root: string): Promise<HashCache> {
    let cache = this.loaded.get(root);
    if (!cache) {
      const file = this.fileOf(root);
      cache = file ? HashCache.load(this.fs, file) : Promise.resolve(new HashCache());
      this.loaded.set(root, cache);
    }
    return cache;
  }

  /** Writes every production's cache that changed since it was read or written. */
  async save(): Promise<void> {
    await Promise.all(
      [...this.loaded].map(async ([root, cache]) => {
        const file = this.fileOf(root);
        if (file) await (await cache).save(this.fs, file);
      }),
    );
  }

  private fileOf(root: string): string | undefined {
    return this.folder && `${this.folder}/${hashCacheFileName(root)}`;
  }
}

/**
 * The user's folder for hash caches (XDG_CACHE_HOME, else ~/.cache), made if missing; none when
 * AI_DISCLOSURE_HASH_CACHE=off or it cannot be made.
 */
export function userHashCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AI_DISCLOSURE_HASH_CACHE === 'off') return undefined;
  const base = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-disclosure');
  const folder = join(base, 'sha256-v1');
  try {
    // Made now: drop the one file that earlier releases shared between all productions.
    if (mkdirSync(folder, { recursive: true }) !== undefined) rmSync(join(base, 'sha256-v1.json'), { force: true });
  } catch {
    return undefined;
  }
  return toPosixPath(folder);
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
