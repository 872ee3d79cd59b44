import { NOT_REGULAR_FILE, Refusal } from '../errors';
import { TextPieces, utf8Chunks } from '../text/pieces';
import { randomToken } from '../randomToken';
import type { Sha256 } from '../digest';

/**
 * What the core needs from a file system (members are properties, so an implementation's functions
 * can be passed around without their object). The CLI hands it Node's, the extension hands it one
 * over `vscode.workspace.fs`, tests hand it an in-memory one. Paths are absolute and use "/".
 */
export interface FileSystem {
  /**
   * The whole file. With `maxBytes`, a larger file is not read: FileTooLargeError says its size.
   * A missing file rejects with an error whose `code` is "ENOENT".
   */
  readFile: (path: string, maxBytes?: number) => Promise<Uint8Array>;
  /** The file as UTF-8 text, where the file system holds text already (an editor's open documents). */
  readText?: (path: string) => Promise<string>;
  /** The file opened to read parts of it (headers without the rest); the caller closes the reader when done. */
  openForReading: (path: string) => Promise<ByteReader>;
  /** Chunks (a long report's, see `utf8Chunks`) are written as they come where the file system can; others gather them. */
  writeFile: (path: string, data: FileContent) => Promise<void>;
  /** Creates a file only if nothing is there (atomically, where the file system allows): `false` if it existed. */
  createExclusive: (path: string, data: Uint8Array) => Promise<boolean>;
  /** Replaces `to` if it exists; on one volume this is atomic, which is what atomic writes rely on. */
  rename: (from: string, to: string) => Promise<void>;
  delete: (path: string) => Promise<void>;
  /** `undefined` when nothing is there. */
  stat: (path: string) => Promise<FileStat | undefined>;
  readDirectory: (path: string) => Promise<DirectoryEntry[]>;
  /** SHA-256 of a file's content, read as a stream so large video never sits in memory. */
  sha256: (path: string) => Promise<string>;
  /**
   * The first symbolic link on the way to `path` (the path itself included), from the innermost
   * folder the person opened (the CLI's working folder, the editor's workspace folders) down;
   * `undefined` when there is none. Writers refuse such paths: through a link a sidecar would land
   * outside the production, or an outside file would be copied in.
   */
  linkOnPath?: (path: string) => Promise<string | undefined>;
  /** A SHA-256 digest from the host's own hashing; without it the core's portable one (`digest.ts`) is used. */
  newSha256?: () => Sha256;
}

/**
 * A file system whose every call is counted, by member, in `calls` (which several may share): how a
 * test or benchmark proves what was (not) touched.
 */
export function countingFileSystem(
  fs: FileSystem,
  calls: Record<string, number> = {},
): { fs: FileSystem; calls: Readonly<Record<string, number>> } {
  const counted = Object.fromEntries(
    Object.entries(membersOf(fs)).map(([name, member]) => [
      name,
      (...args: unknown[]): unknown => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (member as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as FileSystem;
  return { fs: counted, calls };
}

const MEMBERS = [
  'readFile',
  'readText',
  'openForReading',
  'writeFile',
  'createExclusive',
  'rename',
  'delete',
  'stat',
  'readDirectory',
  'sha256',
  'linkOnPath',
  'newSha256',
] as const satisfies readonly (keyof FileSystem)[];
// Every member of FileSystem is in MEMBERS: a member added to the interface and not here fails to compile.
const everyMemberListed: [Exclude<keyof FileSystem, (typeof MEMBERS)[number]>] extends [never] ? true : never = true;
void everyMemberListed;

/** A file system's members as functions of their own (bound to it, whether it is an object or a class instance). */
function membersOf(fs: FileSystem): FileSystem {
  const members: Partial<Record<keyof FileSystem, unknown>> = {};
  for (const name of MEMBERS) {
    const member = fs[name];
    if (typeof member === 'function') members[name] = (member as (...args: unknown[]) => unknown).bind(fs);
  }
  return members as FileSystem;
}

/**
 * A file system that tells `changed` of every path it wrote, renamed or deleted, and finishes the
 * write only once `changed` is done: a model that is told of its own writes this way shows their
 * effect (a squiggle gone) by the time the command that wrote returns, with no re-check by hand.
 */
export function notifyingFileSystem(fs: FileSystem, changed: (paths: string[]) => Promise<unknown>): FileSystem {
  const inner = membersOf(fs);
  return {
    ...inner,
    writeFile: async (path, data) => {
      await inner.writeFile(path, data);
      await changed([path]);
    },
    createExclusive: async (path, data) => {
      const created = await inner.createExclusive(path, data);
      if (created) await changed([path]);
      return created;
    },
    rename: async (from, to) => {
      await inner.rename(from, to);
      await changed([from, to]);
    },
    delete: async (path) => {
      await inner.delete(path);
      await changed([path]);
    },
  };
}

/**
 * A file system whose every read of a file gives what its first read gave: two steps that must
 * agree on what they read (a cache key, and the check kept under it) read each file once, and a
 * file changed between them cannot pair one's key with the other's check. Writes go through and
 * are not seen by later reads: it is for steps that only read.
 */
export function readingOnce(fs: FileSystem): FileSystem {
  const inner = membersOf(fs);
  const whole = new Map<string, Promise<Uint8Array>>();
  const texts = new Map<string, Promise<string>>();
  const once = <T>(kept: Map<string, Promise<T>>, path: string, read: () => Promise<T>): Promise<T> => {
    let reading = kept.get(path);
    if (!reading) {
      reading = read();
      kept.set(path, reading);
      // A failed read is not kept: another caller (with a larger limit, say) reads for itself.
      reading.catch(() => kept.delete(path));
    }
    return reading;
  };
  const readText = inner.readText;
  return {
    ...inner,
    readFile: async (path, maxBytes) => {
      const bytes = await once(whole, path, () => inner.readFile(path, maxBytes));
      if (maxBytes !== undefined && bytes.length > maxBytes) throw new FileTooLargeError(path, bytes.length);
      return bytes;
    },
    ...(readText ? { readText: (path: string) => once(texts, path, () => readText(path)) } : {}),
  };
}

/** Parts of one open file: a walk of a medium's chunks opens it once, not once a chunk. */
export interface ByteReader {
  /** Up to `length` bytes from `offset`, fewer at the end of the file. */
  read: (offset: number, length: number) => Promise<Uint8Array>;
  close: () => Promise<void>;
}

/** A reader over a file already read whole (a file system that reads whole files only). */
export function wholeFileReader(bytes: Uint8Array): ByteReader {
  return { read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)), close: () => Promise.resolve() };
}

/** A file's bytes: at once, or in chunks. */
export type FileContent = Uint8Array | AsyncIterable<Uint8Array>;

/** The content as one buffer, for a file system that writes whole files only. */
export async function wholeContent(data: FileContent): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of data) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}

export interface FileStat {
  type: 'file' | 'directory';
  size: number;
  mtimeMs: number;
  /** When the file or its metadata last changed, where the file system says (Node's ctime): every write moves it, and nothing can set it back. */
  changeMs?: number;
}

export interface DirectoryEntry {
  name: string;
  /** A symbolic link is never followed by a walk; `other` is a FIFO, device or socket. */
  type: 'file' | 'directory' | 'symlink' | 'other';
}

/** A file over the size a reader accepts; nothing of it was read. */
export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    super(`${path} is ${size} bytes, more than this reader accepts`);
    this.name = 'FileTooLargeError';
  }
}

/** Something other than a regular file (a FIFO, a device, a socket) where a file is to be read: never opened for reading, so it cannot hang. */
export class NotRegularFileError extends Refusal {
  readonly code = 'ENOTREGULAR';
  constructor(readonly path: string) {
    super(`${path} is ${NOT_REGULAR_FILE}: AI Disclosure reads only regular files`);
  }
}

/** Refused instead of writing where a symbolic link leads: nothing was changed. */
export class SymbolicLinkError extends Refusal {
  constructor(
    readonly path: string,
    readonly link: string,
  ) {
    super(
      link === path
        ? `${path} is a symbolic link; AI Disclosure does not write through links (nothing was changed)`
        : `${path}: ${link} is a symbolic link; AI Disclosure does not write through links, so nothing was changed (tag the file where it really is)`,
    );
  }
}

/** Throws SymbolicLinkError when a link is on the way to `path`, where the file system can tell. */
export async function refuseLinkedPath(fs: FileSystem, path: string): Promise<void> {
  const link = await fs.linkOnPath?.(path);
  if (link !== undefined) throw new SymbolicLinkError(path, link);
}

/** Is this the error of reading a file that is not there (any FileSystem)? */
export function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'FileNotFound' || code === 'FileIsADirectory';
}

/**
 * A file's bytes, or `undefined` when nothing is there. With `maxBytes`, a larger file is not
 * read and FileTooLargeError (with its size) is thrown for the caller to report.
 */
export async function readFileIfPresent(fs: FileSystem, path: string, maxBytes?: number): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(path, maxBytes);
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

/** A size as people read it in a limit's message. */
export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export async function readText(fs: FileSystem, path: string): Promise<string> {
  return fs.readText ? fs.readText(path) : utf8Decoder.decode(await fs.readFile(path));
}

/**
 * Writes through a temporary file in the same folder and renames it over the target, so a
 * crash or a full disk mid-write leaves the old file whole.
 */
export async function writeTextAtomic(fs: FileSystem, path: string, text: string | TextPieces): Promise<void> {
  await throughTemporary(fs, path, typeof text === 'string' ? utf8Encoder.encode(text) : utf8Chunks(text), async (temporary) => {
    await fs.rename(temporary, path);
    return true;
  });
}

/**
 * Writes atomically, but only if the file still holds `expected` (`undefined`: is still absent)
 * right before the rename; `false`, with nothing changed, when another writer got there first.
 */
export async function writeAtomicIfUnchanged(
  fs: FileSystem,
  path: string,
  expected: Uint8Array | undefined,
  data: Uint8Array,
): Promise<boolean> {
  return throughTemporary(fs, path, data, async (temporary) => {
    const current = await readFileIfPresent(fs, path);
    if (current === undefined ? expected !== undefined : expected === undefined || !sameBytes(current, expected)) {
      await fs.delete(temporary);
      return false;
    }
    await fs.rename(temporary, path);
    return true;
  });
}

async function throughTemporary(
  fs: FileSystem,
  path: string,
  data: FileContent,
  commit: (temporary: string) => Promise<boolean>,
): Promise<boolean> {
  const temporary = `${path}.${randomToken(8)}.tmp`;
  try {
    await fs.writeFile(temporary, data);
    return await commit(temporary);
  } catch (error) {
    await fs.delete(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Whether two byte arrays hold the same bytes. Compared four bytes at a time where both can be
 * read as words alike: the editor compares a script's sidecar with the one it parsed on every
 * keystroke, and a byte at a time was the largest part of that re-check.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const length = a.length;
  if (length !== b.length) return false;
  let i = 0;
  if ((a.byteOffset & 3) === (b.byteOffset & 3)) {
    for (; i < length && ((a.byteOffset + i) & 3) !== 0; i++) if (a[i] !== b[i]) return false;
    const words = (length - i) >> 2;
    if (words > 0) {
      const wordsOfA = new Uint32Array(a.buffer, a.byteOffset + i, words);
      const wordsOfB = new Uint32Array(b.buffer, b.byteOffset + i, words);
      for (let w = 0; w < words; w++) if (wordsOfA[w] !== wordsOfB[w]) return false;
      i += words << 2;
    }
  }
  for (; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
