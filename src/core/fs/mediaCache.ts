import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { toPosixPath } from '../sidecar/paths';
import type { Provenance } from '../provenance/provenance';
import { FileSystem, FileStat, isMissingFileError, readText, writeTextAtomic } from './fileSystem';

/** One kind of fact derived from files' content, each valid while its file keeps its size and modification time. */
class ContentFacts<T> {
  private readonly entries = new Map<string, [size: number, mtimeMs: number, value: T]>();
  /** The files asked for since loading: what a save keeps. */
  private readonly asked = new Set<string>();
  private changed = false;

  constructor(private readonly limit: number) {}

  /** The fact kept for an unchanged file, else `derive`d and kept (unless `undefined`: nothing to keep). */
  async get<R extends T | undefined>(file: string, stat: FileStat, derive: () => Promise<R>): Promise<T | R> {
    const known = this.entries.get(file);
    if (known && known[0] === stat.size && known[1] === stat.mtimeMs && stat.mtimeMs > 0) {
      this.asked.add(file);
      return known[2];
    }
    const value = await derive();
    if (value === undefined) return value;
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(file, [stat.size, stat.mtimeMs, value]);
    this.asked.add(file);
    this.changed = true;
    return value;
  }

  read(stored: Record<string, [number, number, T]> | undefined): void {
    if (stored && typeof stored === 'object') for (const [file, entry] of Object.entries(stored)) this.entries.set(file, entry);
  }

  /** Something was added, or something not asked for is to be dropped. */
  get unsaved(): boolean {
    return this.changed || this.asked.size !== this.entries.size;
  }

  /** The facts asked for since loading, to write. */
  toStore(): Record<string, [number, number, T]> {
    const kept: Record<string, [number, number, T]> = {};
    for (const file of this.asked) {
      const entry = this.entries.get(file);
      if (entry) kept[file] = entry;
    }
    return kept;
  }

  /** Written: forget in memory what was not. */
  saved(): void {
    this.changed = false;
    for (const file of this.entries.keys()) if (!this.asked.has(file)) this.entries.delete(file);
  }
}

/**
 * What checks learn from reading media, by file, valid while the file keeps its size and
 * modification time (as git's index does): tagged media's SHA-256 and untagged media's provenance
 * markers. Checking a production then reads each medium once, not on every check.
 */
export class MediaCache {
  private readonly hashes: ContentFacts<string>;
  /** `null`: no marker of generative AI. */
  private readonly provenance: ContentFacts<Provenance | null>;

  constructor(limit = 200_000) {
    this.hashes = new ContentFacts(limit);
    this.provenance = new ContentFacts(limit);
  }

  /** The file's SHA-256, from the cache when the file is unchanged, else read (streamed) and kept. */
  sha256(fs: FileSystem, file: string, stat: FileStat): Promise<string> {
    return this.hashes.get(file, stat, () => fs.sha256(file));
  }

  /**
   * What the file's headers say when it is marked as made with generative AI (`undefined` when
   * not), from the cache when the file is unchanged, else `read` and kept.
   */
  async generativeProvenance(file: string, stat: FileStat, read: () => Promise<Provenance | undefined>): Promise<Provenance | undefined> {
    const known = await this.provenance.get(file, stat, async () => {
      const found = await read();
      return found === undefined ? undefined : found.generative ? found : null;
    });
    return known ?? undefined;
  }

  /** Reads a cache file written by `save`; a missing or unreadable one starts empty. */
  static async load(fs: FileSystem, file: string): Promise<MediaCache> {
    const cache = new MediaCache();
    try {
      const data = JSON.parse(await readText(fs, file)) as StoredMediaCache;
      if (data.version === 1) {
        cache.hashes.read(data.sha256);
        cache.provenance.read(data.provenance);
      }
    } catch (error) {
      if (!isMissingFileError(error) && !(error instanceof SyntaxError)) throw error;
    }
    return cache;
  }

  /**
   * Writes what the files asked for since loading said, atomically (the folder must exist), when
   * something was added or is to be dropped, and forgets the rest; failing only costs time. A
   * cache file belongs to one production and a whole check asks for all of its media, so a file
   * deleted, renamed, tagged or untagged since the last check leaves the cache here. (Saved
   * mid-check, it would drop what the check had not asked for yet.)
   */
  async save(fs: FileSystem, file: string): Promise<void> {
    if (!this.hashes.unsaved && !this.provenance.unsaved) return;
    const stored: StoredMediaCache = { version: 1, sha256: this.hashes.toStore(), provenance: this.provenance.toStore() };
    try {
      await writeTextAtomic(fs, file, JSON.stringify(stored));
      this.hashes.saved();
      this.provenance.saved();
    } catch {
      // The cache only saves time.
    }
  }
}

interface StoredMediaCache {
  version?: number;
  sha256?: Record<string, [number, number, string]>;
  provenance?: Record<string, [number, number, Provenance | null]>;
}

/**
 * The media caches of the productions a process checks, a file each in `folder` (none: kept for
 * the process only), read at a production's first check and written when they changed. The CLI
 * and the editor share the folder, so either one's reading saves the other reading the media.
 */
export class ProductionMediaCaches {
  private readonly loaded = new Map<string, Promise<MediaCache>>();

  constructor(
    private readonly fs: FileSystem,
    private readonly folder: string | undefined,
  ) {}

  /** The cache of the production at `root`, read from its file the first time. */
  of(root: string): Promise<MediaCache> {
    let cache = this.loaded.get(root);
    if (!cache) {
      const file = this.fileOf(root);
      cache = file ? MediaCache.load(this.fs, file) : Promise.resolve(new MediaCache());
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
    return this.folder && `${this.folder}/${mediaCacheFileName(root)}`;
  }
}

/**
 * The user's folder for media caches (XDG_CACHE_HOME, else ~/.cache), made if missing; none when
 * AI_DISCLOSURE_HASH_CACHE=off or it cannot be made.
 */
export function userMediaCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AI_DISCLOSURE_HASH_CACHE === 'off') return undefined;
  const base = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-disclosure');
  const folder = join(base, 'media-v1');
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
 * path, so each production loads only its own (one file of hashes for every production a person
 * ever checked grew to tens of thousands of entries, parsed on every run).
 */
export function mediaCacheFileName(productionRoot: string): string {
  const readable = productionRoot.split('/').filter(Boolean).pop()?.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) ?? '';
  const digest = createHash('sha256').update(productionRoot).digest('hex').slice(0, 16);
  return `${readable ? `${readable}-` : ''}${digest}.json`;
}
