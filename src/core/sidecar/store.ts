import { Refusal } from '../errors';
import { posixPath } from '../posixPath';
import {
  FileSystem,
  FileTooLargeError,
  megabytes,
  readFileIfPresent,
  refuseLinkedPath,
  sameBytes,
  writeAtomicIfUnchanged,
} from '../fs/fileSystem';
import { decodeUtf8, encodeUtf8 } from '../text/encoding';
import { withFileLock } from '../fs/lock';
import { sidecarPathFor } from './paths';
import { parseSidecar, SidecarParseResult } from './parse';
import { Sidecar, SIDECAR_FORMAT_VERSION, Use } from './schema';
import { detectLineEnding } from './serialize';
import { sidecarText } from './edit';

/** A sidecar records a few dozen uses; thousands fit in well under this. */
export const MAX_SIDECAR_BYTES = 8 * 1024 * 1024;

/** Raised instead of writing a newer release's sidecar: this release would drop what it cannot know. */
export class NewerFormatError extends Refusal {
  constructor(
    readonly sidecarPath: string,
    readonly version: number,
  ) {
    super(
      `${sidecarPath}: written by a newer AI Disclosure (format version ${version}); this release reads it but does not change it (the file was not changed). Update AI Disclosure to edit it.`,
    );
  }
}

/** Raised instead of overwriting a sidecar that does not validate: the person's data comes first. */
export class SidecarInvalidError extends Refusal {
  constructor(
    readonly sidecarPath: string,
    readonly result: Extract<SidecarParseResult, { ok: false }>,
  ) {
    const first = result.problems[0];
    super(`${sidecarPath}:${first.start.line}:${first.start.column}: ${first.message} (the file was not changed)`);
  }
}

export interface LoadedSidecar {
  path: string;
  /** The bytes as read: a write commits only if the file still holds them. */
  bytes: Uint8Array;
  text: string;
  /** Whether the file began with a byte-order mark, which a rewrite keeps. */
  bom: boolean;
  result: SidecarParseResult;
}

/**
 * Raised instead of writing a change that leaves the sidecar invalid (a value no check caught on
 * its way in): a record this tool wrote must read back as it was meant.
 */
export class ChangeInvalidError extends Refusal {
  constructor(sidecarPath: string, result: Extract<SidecarParseResult, { ok: false }>) {
    const first = result.problems[0];
    super(`${sidecarPath}: the change would leave the sidecar invalid (${first.message}); nothing was changed`);
  }
}

/** Raised instead of writing a sidecar this tool could not read back: the change was not made. */
export class SidecarTooLargeError extends Refusal {
  constructor(
    readonly sidecarPath: string,
    readonly size: number,
  ) {
    super(
      `${sidecarPath}: the change would make the sidecar ${megabytes(size)}, past the ${megabytes(MAX_SIDECAR_BYTES)} AI Disclosure reads; nothing was changed (split the uses across folder sidecars)`,
    );
  }
}

/** Raised when other writers kept changing a sidecar under this one; nothing of this change was written. */
export class SidecarBusyError extends Refusal {
  constructor(readonly sidecarPath: string) {
    super(
      `${sidecarPath} kept changing while this change was being written (another program is writing it); nothing was changed, try again`,
    );
  }
}

/**
 * Parsed sidecars by path, reused while a sidecar's text is unchanged: the editor re-checks a
 * script's sidecar on every keystroke in the script, and parsing 200 uses each time would cost more
 * than all the rest of the check.
 */
export type SidecarMemo = Map<string, Omit<LoadedSidecar, 'path'>>;

export async function loadSidecar(fs: FileSystem, sidecarPath: string, memo?: SidecarMemo): Promise<LoadedSidecar | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFileIfPresent(fs, sidecarPath, MAX_SIDECAR_BYTES);
    if (!bytes) return undefined;
  } catch (error) {
    if (!(error instanceof FileTooLargeError)) throw error;
    // Not read at all: a sidecar this size is not one a person or this tool wrote.
    const message = `the sidecar is ${megabytes(error.size)}; AI Disclosure reads sidecars up to ${megabytes(MAX_SIDECAR_BYTES)}, so it was not read (nor changed)`;
    return notReadable(sidecarPath, new Uint8Array(), message, START);
  }
  const known = memo?.get(sidecarPath);
  // Same bytes, same sidecar: compared before decoding, which would cost more than the compare.
  if (known && sameBytes(known.bytes, bytes)) return { path: sidecarPath, ...known };
  const decoded = decodeUtf8(bytes);
  const loaded: LoadedSidecar = decoded.ok
    ? { path: sidecarPath, bytes, text: decoded.text, bom: decoded.bom, result: parseSidecar(decoded.text) }
    : notReadable(sidecarPath, bytes, decoded.message, decoded.start);
  memo?.set(sidecarPath, loaded);
  return loaded;
}

const START = { line: 1, column: 1 };

/** A sidecar whose text could not be read exactly: reported where, and never rewritten. */
function notReadable(path: string, bytes: Uint8Array, message: string, at: { line: number; column: number }): LoadedSidecar {
  return { path, bytes, text: '', bom: false, result: { ok: false, problems: [{ message, start: at, end: at }] } };
}

/**
 * `sidecar` (the one `loaded` holds, or a new one) with `change` made, as the file's new text:
 * edited only where the change touches a file laid out by hand, with the file's line ending.
 * Refused when that text would not validate.
 */
function changedText(sidecarPath: string, loaded: LoadedSidecar | undefined, sidecar: Sidecar, change: (sidecar: Sidecar) => void): string {
  const before = loaded && { text: loaded.text, sidecar: structuredClone(sidecar) };
  change(sidecar);
  const text = sidecarText(before, sidecar, loaded ? detectLineEnding(loaded.text) : '\n');
  if (text === loaded?.text) return text;
  const reread = parseSidecar(text);
  if (!reread.ok) throw new ChangeInvalidError(sidecarPath, reread);
  return text;
}

/** How often a write starts again because another writer changed the sidecar between its read and its commit. */
const COMMIT_ATTEMPTS = 8;

/**
 * Reads the sidecar fresh from disk, applies `change`, and writes it atomically, keeping its line
 * ending and byte-order mark. A missing sidecar starts from `initial`; an invalid one is left
 * untouched and reported. The write commits only if the sidecar still holds what was read, so a
 * writer whose lock was taken over while it was paused starts again from the other's result
 * instead of overwriting it.
 */
export async function updateSidecar(
  fs: FileSystem,
  sidecarPath: string,
  change: (sidecar: Sidecar) => void,
  initial: () => Sidecar = emptySidecar,
): Promise<Sidecar> {
  await refuseLinkedPath(fs, sidecarPath);
  if ((await fs.stat(sidecarPath))?.type === 'directory')
    throw new Refusal(`${sidecarPath} is a folder, not a sidecar; nothing was changed`);
  for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
    // Read, change and write as the only writer: another writer's update is read first and kept.
    const committed = await withFileLock(fs, sidecarPath, async () => {
      const loaded = await loadSidecar(fs, sidecarPath);
      let sidecar: Sidecar;
      if (!loaded) sidecar = initial();
      else if (!loaded.result.ok) throw new SidecarInvalidError(sidecarPath, loaded.result);
      else if (loaded.result.newerFormat !== undefined) throw new NewerFormatError(sidecarPath, loaded.result.newerFormat);
      else sidecar = loaded.result.sidecar;
      const text = changedText(sidecarPath, loaded, sidecar, change);
      if (text === loaded?.text) return sidecar;
      const bytes = encodeUtf8(text, loaded?.bom ?? false);
      if (bytes.length > MAX_SIDECAR_BYTES) throw new SidecarTooLargeError(sidecarPath, bytes.length);
      return (await writeAtomicIfUnchanged(fs, sidecarPath, loaded?.bytes, bytes)) ? sidecar : undefined;
    });
    if (committed) return committed;
  }
  throw new SidecarBusyError(sidecarPath);
}

export function emptySidecar(): Sidecar {
  return { version: SIDECAR_FORMAT_VERSION, uses: [] };
}

/** Applies `change` to one use by id; fails clearly when the id is gone (someone else removed it). */
export async function updateUse(fs: FileSystem, sidecarPath: string, useId: string, change: (use: Use) => void): Promise<Sidecar> {
  return updateSidecar(fs, sidecarPath, (sidecar) => {
    const use = sidecar.uses.find((candidate) => candidate.id === useId);
    if (!use) throw new Error(`${sidecarPath}: no use with id "${useId}"; it may have been removed meanwhile`);
    change(use);
  });
}

/**
 * Moves a file sidecar to sit beside `newSubject` (the file was renamed, or the tag is re-linked
 * to another file) and records the new name. The new sidecar is written before the old one is
 * deleted, so a crash in between leaves two copies, never none; an existing sidecar there is not
 * overwritten. A sidecar that does not validate moves byte for byte.
 */
export async function moveSidecar(fs: FileSystem, sidecarPath: string, newSubject: string): Promise<string> {
  // As the sidecar's only writer, so an update in flight lands before the move, not after it.
  return withFileLock(fs, sidecarPath, async () => {
    const target = sidecarPathFor(newSubject);
    if (target === sidecarPath) return target;
    await refuseLinkedPath(fs, sidecarPath);
    await refuseLinkedPath(fs, target);
    if (await fs.stat(target)) throw new Error(`${target} already exists; the two sidecars were left as they are`);
    const loaded = await loadSidecar(fs, sidecarPath);
    if (!loaded) throw new Error(`${sidecarPath} is gone`);
    if (!loaded.result.ok || loaded.result.newerFormat !== undefined) {
      await fs.rename(sidecarPath, target);
      return target;
    }
    // Only the file's name changes: a sidecar laid out by hand keeps its layout.
    const text = changedText(sidecarPath, loaded, loaded.result.sidecar, (sidecar) => {
      if (sidecar.subject) sidecar.subject.file = posixPath.basename(newSubject);
    });
    const bytes = encodeUtf8(text, loaded.bom);
    if (!(await writeAtomicIfUnchanged(fs, target, undefined, bytes)))
      throw new Error(`${target} appeared meanwhile; the two sidecars were left as they are`);
    await fs.delete(sidecarPath);
    return target;
  });
}
