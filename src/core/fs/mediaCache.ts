import { Provenance, PROVENANCE_READER_EDITION } from '../provenance/provenance';
import { runStepsInTurns, Steps } from '../workspace/scan';
import { FileSystem, FileStat, isMissingFileError, readText, writeTextAtomic } from './fileSystem';
import { sha256Hex } from '../digest';
import { keptIn } from '../memo';

/** One kind of fact derived from files' content, each valid while its file keeps its size and modification time. */
class ContentFacts<T> {
  private readonly entries = new Map<string, [size: number, mtimeMs: number, value: T]>();
  /** The files asked for since loading: what a save keeps. */
  private readonly asked = new Set<string>();
  /** Facts added, all told, and how many of them the last save wrote. */
  private added = 0;
  private addedWhenSaved = 0;

  constructor(
    private readonly kind: string,
    private readonly limit: number,
  ) {}

  /** The fact kept for an unchanged file, else `derive`d and kept (unless `undefined`: nothing to keep). */
  async get<R extends T | undefined>(file: string, stat: FileStat, derive: () => Promise<R>): Promise<T | R> {
    const known = this.known(file, stat);
    if (known !== undefined) return known;
    const value = await derive();
    if (value === undefined) return value;
    this.keep(file, stat.size, stat.mtimeMs, value);
    this.asked.add(file);
    this.added++;
    return value;
  }

  /** The fact kept for an unchanged file, or `undefined`. */
  known(file: string, stat: FileStat): T | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry[0] !== stat.size || entry[1] !== stat.mtimeMs || stat.mtimeMs <= 0) return undefined;
    this.asked.add(file);
    return entry[2];
  }

  /** Keeps a fact, read from the cache file or just learnt (past the limit, the oldest goes). */
  keep(file: string, size: number, mtimeMs: number, value: T): void {
    const oldest = this.entries.size >= this.limit ? this.entries.keys().next() : undefined;
    if (oldest?.done === false) this.entries.delete(oldest.value);
    this.entries.set(file, [size, mtimeMs, value]);
  }

  /** Something was added since the last save, or something not asked for is to be dropped. */
  get unsaved(): boolean {
    // More facts than files asked for: some were not asked for (a fact past the limit may have
    // gone while its file was asked for, so the other way round says nothing).
    return this.added !== this.addedWhenSaved || this.entries.size > this.asked.size;
  }

  /** The facts asked for since loading, a line each, a few hundred lines a step; returns how many were added by then. */
  *lines(into: string[]): Steps<number> {
    const added = this.added;
    let count = 0;
    for (const file of this.asked) {
      const entry = this.entries.get(file);
      if (entry) into.push(`${JSON.stringify([this.kind, file, ...entry])}\n`);
      if (++count % LINES_PER_STEP === 0) yield;
    }
    return added;
  }

  /** Written up to `added`: forget in memory what was not asked for. */
  saved(added: number): void {
    this.addedWhenSaved = added;
    for (const file of this.entries.keys()) if (!this.asked.has(file)) this.entries.delete(file);
  }
}

/**
 * The cache file: this line, then a line per fact, `[kind, file, size, mtimeMs, value]` (JSON
 * Lines). Read and written a few hundred lines a step: a production's file can hold a hundred
 * thousand media, and one JSON.parse or stringify of it all would hold an editor's host for long.
 */
const HEADER = '{"aiDisclosureMediaCache":1}';
/** Provenance facts name the reader's edition: an earlier reader's lines are skipped, and dropped at the next save. */
export const PROVENANCE_KIND = `provenance-${PROVENANCE_READER_EDITION}`;
const LINES_PER_STEP = 500;

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
    this.hashes = new ContentFacts('sha256', limit);
    this.provenance = new ContentFacts(PROVENANCE_KIND, limit);
  }

  /** The file's SHA-256, from the cache when the file is unchanged, else read (streamed) and kept. */
  sha256(fs: FileSystem, file: string, stat: FileStat): Promise<string> {
    return this.hashes.get(file, stat, () => fs.sha256(file));
  }

  /** The file's SHA-256 when the cache knows it for the file as it is now: no promise for the usual answer. */
  knownSha256(file: string, stat: FileStat): string | undefined {
    return this.hashes.known(file, stat);
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

  /** Reads a cache file written by `save`; a missing one, or one in another format, starts empty; a damaged line is skipped. */
  static async load(fs: FileSystem, file: string): Promise<MediaCache> {
    const cache = new MediaCache();
    let text: string;
    try {
      text = await readText(fs, file);
    } catch (error) {
      if (isMissingFileError(error)) return cache;
      throw error;
    }
    if (text.startsWith(`${HEADER}\n`)) await runStepsInTurns(cache.readLines(text, HEADER.length + 1));
    return cache;
  }

  private *readLines(text: string, from: number): Steps<void> {
    let count = 0;
    for (let start = from; start < text.length;) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      this.readLine(text.slice(start, end));
      start = end + 1;
      if (++count % LINES_PER_STEP === 0) yield;
    }
  }

  /** One fact, checked for its shape: the file is the user's to edit or damage, and a fact never trusted blindly. */
  private readLine(line: string): void {
    let fact: unknown;
    try {
      fact = JSON.parse(line);
    } catch {
      return;
    }
    if (!Array.isArray(fact) || fact.length !== 5) return;
    const [kind, file, size, mtimeMs, value] = fact as unknown[];
    if (typeof file !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number') return;
    if (kind === 'sha256' && typeof value === 'string') this.hashes.keep(file, size, mtimeMs, value);
    else if (
      kind === PROVENANCE_KIND &&
      (value === null || (typeof value === 'object' && typeof (value as Provenance).generative === 'boolean'))
    )
      this.provenance.keep(file, size, mtimeMs, value as Provenance | null);
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
    const lines = [`${HEADER}\n`];
    const hashesAdded = await runStepsInTurns(this.hashes.lines(lines));
    const provenanceAdded = await runStepsInTurns(this.provenance.lines(lines));
    try {
      await writeTextAtomic(fs, file, lines);
      this.hashes.saved(hashesAdded);
      this.provenance.saved(provenanceAdded);
    } catch {
      // The cache only saves time.
    }
  }
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
    return keptIn(this.loaded, root, () => {
      const file = this.fileOf(root);
      return file ? MediaCache.load(this.fs, file) : Promise.resolve(new MediaCache());
    });
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
 * The name of a production's cache file: its folder's name, readable, and a digest of its full
 * path, so each production loads only its own (one file of hashes for every production a person
 * ever checked grew to tens of thousands of entries, parsed on every run).
 */
export function mediaCacheFileName(productionRoot: string): string {
  return `${productionCacheName(productionRoot)}.jsonl`;
}

/** A production's name among the caches in one folder: its folder's name, readable, and a digest of its whole path. */
export function productionCacheName(productionRoot: string): string {
  const readable =
    productionRoot
      .split('/')
      .filter(Boolean)
      .pop()
      ?.replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 40) ?? '';
  const digest = sha256Hex(productionRoot).slice(0, 16);
  return `${readable ? `${readable}-` : ''}${digest}`;
}
