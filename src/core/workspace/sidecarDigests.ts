import { FileStat, FileSystem } from '../fs/fileSystem';
import { MAX_SIDECAR_BYTES } from '../sidecar/store';

/** A sidecar's content digest with the stat it was taken under: `[size, mtimeMs, changeMs, sha256]`. */
export type DigestEntry = [size: number, mtimeMs: number, changeMs: number | null, digest: string];

/**
 * A digest is kept only for a file last changed at least this long before it was read: a write in
 * the same clock tick as the read could leave the size and times as they were (git's "racy" case).
 */
const SETTLED_MS = 2000;

/**
 * Digests of sidecars' bytes, each kept with the size and times of the file it was taken from, so a
 * cached run reads again only the sidecars whose stat changed, as git's index does: the key stays
 * the content, and a sidecar is read whenever its size, modification time or change time (which a
 * write always moves, and nothing can set back) is not what it was.
 */
export class SidecarDigests {
  /** The digests this run relied on or took, to keep for the next one. */
  readonly taken = new Map<string, DigestEntry>();
  private readonly known: ReadonlyMap<string, DigestEntry>;

  constructor(
    known: readonly unknown[] = [],
    private readonly now: () => number = Date.now,
  ) {
    this.known = new Map(known.filter(isKeptDigest).map(([path, ...entry]) => [path, entry]));
  }

  /** The digest (`hash`, SHA-256 as hex) of a sidecar's bytes; `undefined` when it cannot be read (its check then says why). */
  async of(fs: FileSystem, path: string, hash: (bytes: Uint8Array) => string): Promise<string | undefined> {
    const stat = await fs.stat(path).catch(() => undefined);
    if (!stat || stat.type !== 'file' || stat.size > MAX_SIDECAR_BYTES) return undefined;
    const known = this.known.get(path);
    if (known && sameStat(known, stat)) {
      this.taken.set(path, known);
      return known[3];
    }
    const readAt = this.now();
    const bytes = await fs.readFile(path, MAX_SIDECAR_BYTES).catch(() => undefined);
    if (!bytes) return undefined;
    const digest = hash(bytes);
    const changeMs = stat.changeMs ?? null;
    // Changed between the stat and the read, or too recently to tell a later write apart: read again next time.
    if (bytes.length === stat.size && readAt - Math.max(stat.mtimeMs, changeMs ?? 0) >= SETTLED_MS)
      this.taken.set(path, [stat.size, stat.mtimeMs, changeMs, digest]);
    return digest;
  }

  /** What to keep: `[path, size, mtimeMs, changeMs, sha256]` rows, read back by the constructor. */
  toJSON(): unknown[] {
    return [...this.taken].map(([path, entry]) => [path, ...entry]);
  }
}

function sameStat(known: DigestEntry, stat: FileStat): boolean {
  return known[0] === stat.size && known[1] === stat.mtimeMs && known[2] === (stat.changeMs ?? null) && stat.mtimeMs > 0;
}

/** A row as `toJSON` writes it, checked field by field: the cache file is the user's to damage. */
function isKeptDigest(row: unknown): row is [string, ...DigestEntry] {
  if (!Array.isArray(row) || row.length !== 5) return false;
  const [path, size, mtimeMs, changeMs, digest] = row as unknown[];
  return (
    typeof path === 'string' &&
    typeof size === 'number' &&
    typeof mtimeMs === 'number' &&
    (changeMs === null || typeof changeMs === 'number') &&
    typeof digest === 'string' &&
    /^[0-9a-f]{64}$/.test(digest)
  );
}
