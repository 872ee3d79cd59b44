import { sha256Hex } from '../../src/core/digest';
import { posixPath } from '../../src/core/posixPath';
import {
  ByteReader,
  DirectoryEntry,
  FileContent,
  FileStat,
  FileSystem,
  FileTooLargeError,
  wholeContent,
  wholeFileReader,
} from '../../src/core/fs/fileSystem';

/**
 * An in-memory file system whose operations can be made to fail, to test what survives a crash.
 * Web-safe like the core, so the core's check can run on it in a web worker's context too.
 */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  failOn: { operation: 'writeFile' | 'rename'; path?: RegExp } | undefined;
  readonly log: string[] = [];
  /** Files created exclusively (writer locks), in order. */
  readonly locksTaken: string[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(initial)) this.files.set(file, new TextEncoder().encode(text));
  }

  text(file: string): string | undefined {
    const data = this.files.get(file);
    return data && new TextDecoder().decode(data);
  }

  private maybeFail(operation: 'writeFile' | 'rename', file: string): void {
    if (this.failOn?.operation === operation && (!this.failOn.path || this.failOn.path.test(file))) {
      throw Object.assign(new Error(`simulated ${operation} failure: ENOSPC`), { code: 'ENOSPC' });
    }
  }

  async readFile(file: string, maxBytes?: number): Promise<Uint8Array> {
    const data = this.files.get(file);
    if (!data) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    if (maxBytes !== undefined && data.length > maxBytes) throw new FileTooLargeError(file, data.length);
    return data;
  }

  async openForReading(file: string): Promise<ByteReader> {
    return wholeFileReader(await this.readFile(file));
  }

  async writeFile(file: string, data: FileContent): Promise<void> {
    this.log.push(`write ${file}`);
    this.maybeFail('writeFile', file);
    this.files.set(file, await wholeContent(data));
  }

  async createExclusive(file: string, data: Uint8Array): Promise<boolean> {
    if (this.files.has(file)) return false;
    // Kept apart from `log`, which records what happens to the data files themselves.
    this.locksTaken.push(file);
    this.files.set(file, data);
    return true;
  }

  async rename(from: string, to: string): Promise<void> {
    this.log.push(`rename ${from} -> ${to}`);
    this.maybeFail('rename', to);
    const data = await this.readFile(from);
    this.files.delete(from);
    this.files.set(to, data);
  }

  async delete(file: string): Promise<void> {
    this.files.delete(file);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    const data = this.files.get(file);
    if (data) return { type: 'file', size: data.length, mtimeMs: 0 };
    const prefix = file.endsWith('/') ? file : `${file}/`;
    return [...this.files.keys()].some((f) => f.startsWith(prefix)) ? { type: 'directory', size: 0, mtimeMs: 0 } : undefined;
  }

  async readDirectory(folder: string): Promise<DirectoryEntry[]> {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const entries = new Map<string, DirectoryEntry['type']>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [first, ...rest] = file.slice(prefix.length).split('/');
      entries.set(first, rest.length > 0 ? 'directory' : 'file');
    }
    return [...entries].map(([name, type]) => ({ name, type }));
  }

  async sha256(file: string): Promise<string> {
    return sha256Hex(await this.readFile(file));
  }

  static join(...parts: string[]): string {
    return posixPath.join(...parts);
  }
}
