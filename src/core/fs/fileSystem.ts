/**
 * What the core needs from a file system. The CLI hands it Node's, the extension hands it one
 * over `vscode.workspace.fs`, tests hand it an in-memory one. Paths are absolute and use "/".
 */
export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Up to `length` bytes from `offset` (fewer at the end of the file): headers without the rest. */
  readBytes(path: string, offset: number, length: number): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates a file only if nothing is there (atomically, where the file system allows): `false` if it existed. */
  createExclusive(path: string, data: Uint8Array): Promise<boolean>;
  /** Replaces `to` if it exists; on one volume this is atomic, which is what atomic writes rely on. */
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** `undefined` when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** SHA-256 of a file's content, read as a stream so large video never sits in memory. */
  sha256(path: string): Promise<string>;
}

export interface FileStat {
  type: 'file' | 'directory';
  size: number;
  mtimeMs: number;
}

export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export async function readText(fs: FileSystem, path: string): Promise<string> {
  return utf8Decoder.decode(await fs.readFile(path));
}

/**
 * Writes through a temporary file in the same folder and renames it over the target, so a
 * crash or a full disk mid-write leaves the old file whole.
 */
export async function writeTextAtomic(fs: FileSystem, path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    await fs.writeFile(temporary, utf8Encoder.encode(text));
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.delete(temporary).catch(() => undefined);
    throw error;
  }
}
