import { ByteReader, FileSystem } from '../fs/fileSystem';

/** How much of a file is read at once first: enough for the metadata most formats keep up front. */
export const HEAD_BYTES = 64 * 1024;

/**
 * A file read only where a reader looks: the head once, then just the ranges a box or chunk walk
 * asks for, through one open of the file (closed by `close`). Counts what it read, so a scan can
 * show it never loaded whole media files.
 */
export class ByteSource {
  bytesRead = 0;
  private head: Uint8Array | undefined;
  private reader: Promise<ByteReader> | undefined;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    readonly size: number,
  ) {}

  /** Up to `length` bytes at `offset`, fewer at the end of the file. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + Math.max(0, length));
    if (offset >= end) return new Uint8Array(0);
    const head = await this.headBytes();
    if (end <= head.length) return head.subarray(offset, end);
    return this.readThrough(offset, end - offset);
  }

  /** The first HEAD_BYTES (or the whole of a smaller file). */
  async headBytes(): Promise<Uint8Array> {
    this.head ??= await this.readThrough(0, Math.min(this.size, HEAD_BYTES));
    return this.head;
  }

  /** Closes the file if it was opened. */
  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.then(
      (opened) => opened.close(),
      () => undefined,
    );
  }

  private async readThrough(offset: number, length: number): Promise<Uint8Array> {
    this.reader ??= this.fs.openForReading(this.path);
    const bytes = await (await this.reader).read(offset, length);
    this.bytesRead += bytes.length;
    return bytes;
  }

  /** The last `length` bytes past the head, where some formats append metadata (PDF updates, TIFF). */
  async tailBytes(length: number): Promise<Uint8Array> {
    const start = Math.max(HEAD_BYTES, this.size - length);
    return start < this.size ? this.read(start, this.size - start) : new Uint8Array(0);
  }
}

export function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

export function uint32BE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
}

export function uint32LE(bytes: Uint8Array, at: number): number {
  return bytes[at] + (bytes[at + 1] << 8) + (bytes[at + 2] << 16) + ((bytes[at + 3] << 24) >>> 0);
}

/** A 64-bit size as a number; sizes past 2^53 do not occur in files this reads. */
export function uint64BE(bytes: Uint8Array, at: number): number {
  return uint32BE(bytes, at) * 2 ** 32 + uint32BE(bytes, at + 4);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Each byte as the character of that code (ISO-8859-1; TextDecoder's "latin1" is windows-1252). */
export function latin1(bytes: Uint8Array): string {
  const pieces: string[] = [];
  // A chunk at a time: the arguments of one call are limited.
  for (let at = 0; at < bytes.length; at += LATIN1_CHUNK) pieces.push(String.fromCharCode(...bytes.subarray(at, at + LATIN1_CHUNK)));
  return pieces.join('');
}

const LATIN1_CHUNK = 8192;

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

export function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = haystack.indexOf(first, from); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < needle.length && match; j++) match = haystack[i + j] === needle[j];
    if (match) return i;
  }
  return -1;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Zlib data inflated, at most `maxBytes` of it (a small chunk can inflate to gigabytes); nothing
 * when it is damaged or larger. The platform's own decompression, in Node as in a web worker.
 */
export async function inflated(data: Uint8Array, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = new Blob([data]).stream().pipeThrough<Uint8Array>(new DecompressionStream('deflate')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.length;
      if (size > maxBytes) {
        await reader.cancel();
        return undefined;
      }
      parts.push(part.value);
    }
  } catch {
    return undefined;
  }
  return concat(parts);
}
