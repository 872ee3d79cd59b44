import { posix } from 'node:path';
import { FileSystem, FileTooLargeError, megabytes, readFileIfPresent, writeTextAtomic } from '../fs/fileSystem';
import { withFileLock } from '../fs/lock';
import { sidecarPathFor } from './paths';
import { parseSidecar, SidecarParseResult } from './parse';
import { Sidecar, SIDECAR_FORMAT_VERSION, Use } from './schema';
import { detectLineEnding, serializeSidecar } from './serialize';

/** A sidecar records a few dozen uses; thousands fit in well under this. */
export const MAX_SIDECAR_BYTES = 8 * 1024 * 1024;

/** Raised instead of writing a newer release's sidecar: this release would drop what it cannot know. */
export class NewerFormatError extends Error {
  constructor(
    readonly sidecarPath: string,
    readonly version: number,
  ) {
    super(
      `${sidecarPath}: written by a newer AI Disclosure (format version ${version}); this release reads it but does not change it (the file was not changed). Update AI Disclosure to edit it.`,
    );
    this.name = 'NewerFormatError';
  }
}

/** Raised instead of overwriting a sidecar that does not validate: the person's data comes first. */
export class SidecarInvalidError extends Error {
  constructor(
    readonly sidecarPath: string,
    readonly result: Extract<SidecarParseResult, { ok: false }>,
  ) {
    const first = result.problems[0];
    super(`${sidecarPath}:${first.start.line}:${first.start.column}: ${first.message} (the file was not changed)`);
    this.name = 'SidecarInvalidError';
  }
}

export interface LoadedSidecar {
  path: string;
  text: string;
  result: SidecarParseResult;
}

/**
 * Parsed sidecars by path, reused while a sidecar's text is unchanged: the editor re-checks a
 * script's sidecar on every keystroke in the script, and parsing 200 uses each time would cost more
 * than all the rest of the check.
 */
export type SidecarMemo = Map<string, { bytes: Uint8Array; text: string; result: SidecarParseResult }>;

export async function loadSidecar(fs: FileSystem, sidecarPath: string, memo?: SidecarMemo): Promise<LoadedSidecar | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFileIfPresent(fs, sidecarPath, MAX_SIDECAR_BYTES);
    if (!bytes) return undefined;
  } catch (error) {
    if (!(error instanceof FileTooLargeError)) throw error;
    // Not read at all: a sidecar this size is not one a person or this tool wrote.
    const at = { line: 1, column: 1 };
    const message = `the sidecar is ${megabytes(error.size)}; AI Disclosure reads sidecars up to ${megabytes(MAX_SIDECAR_BYTES)}, so it was not read (nor changed)`;
    return { path: sidecarPath, text: '', result: { ok: false, problems: [{ message, start: at, end: at }] } };
  }
  const known = memo?.get(sidecarPath);
  // Same bytes, same sidecar: compared before decoding, which would cost more than the compare.
  if (known && Buffer.compare(known.bytes, bytes) === 0) return { path: sidecarPath, text: known.text, result: known.result };
  const text = new TextDecoder().decode(bytes);
  const result = parseSidecar(text);
  memo?.set(sidecarPath, { bytes, text, result });
  return { path: sidecarPath, text, result };
}

/**
 * Reads the sidecar fresh from disk, applies `change`, and writes it atomically, keeping its line
 * ending. A missing sidecar starts from `initial`; an invalid one is left untouched and reported.
 */
export async function updateSidecar(
  fs: FileSystem,
  sidecarPath: string,
  change: (sidecar: Sidecar) => void,
  initial: () => Sidecar = emptySidecar,
): Promise<Sidecar> {
  // Read, change and write as the only writer: another writer's update is read first and kept.
  return withFileLock(fs, sidecarPath, async () => {
    const loaded = await loadSidecar(fs, sidecarPath);
    let sidecar: Sidecar;
    if (!loaded) sidecar = initial();
    else if (!loaded.result.ok) throw new SidecarInvalidError(sidecarPath, loaded.result);
    else if (loaded.result.newerFormat !== undefined) throw new NewerFormatError(sidecarPath, loaded.result.newerFormat);
    else sidecar = loaded.result.sidecar;
    change(sidecar);
    const text = serializeSidecar(sidecar, loaded ? detectLineEnding(loaded.text) : '\n');
    if (text !== loaded?.text) await writeTextAtomic(fs, sidecarPath, text);
    return sidecar;
  });
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
    if (await fs.stat(target)) throw new Error(`${target} already exists; the two sidecars were left as they are`);
    const loaded = await loadSidecar(fs, sidecarPath);
    if (!loaded) throw new Error(`${sidecarPath} is gone`);
    if (!loaded.result.ok || loaded.result.newerFormat !== undefined) {
      await fs.rename(sidecarPath, target);
      return target;
    }
    const { sidecar } = loaded.result;
    if (sidecar.subject) sidecar.subject.file = posix.basename(newSubject);
    await writeTextAtomic(fs, target, serializeSidecar(sidecar, detectLineEnding(loaded.text)));
    await fs.delete(sidecarPath);
    return target;
  });
}
