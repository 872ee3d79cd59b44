/** What every command of the CLI writes through and names its files by. */
import * as nodePath from 'node:path';
import { FileSystem } from '../core/fs/fileSystem';
import { toPosixPath } from '../core/sidecar/paths';
import { keptIn } from '../core/memo';
import { visibleControls } from '../core/text/visible';

/** Where the CLI writes; injectable so tests capture output without spawning a process. */
export interface CliIo {
  /** Standard output; bytes are output kept from an earlier run, written as they were. */
  out(text: string | Uint8Array): void;
  err(text: string): void;
  cwd: string;
  fs: FileSystem;
  now(): Date;
  /** Where what media said (hashes, provenance) is kept between runs, a file per production (none: every run reads the media). */
  mediaCacheFolder?: string;
  /** Where `--cache` keeps sidecar checks between runs by default, a file per production (made when first asked). */
  resultCacheFolder?: () => string | undefined;
}

export function relativeToCwd(io: CliIo, message: string): string {
  return message.split(`${toPosixPath(io.cwd)}/`).join('');
}

/** A path as the person gave it (relative to where they are), with no character that acts on the terminal. */
export function display(io: CliIo, file: string): string {
  return visibleControls(toPosixPath(relativeOrWhole(io.cwd, file)));
}

/** `file` relative to the working folder when it lies inside it, else whole, as `path.relative` tells it. */
function relativeOrWhole(cwd: string, file: string): string {
  const relative = relativeOfCleanPath(cwd, file) ?? nodePath.relative(cwd, file);
  // Outside is a ".." segment (or another drive), not any name that starts with two dots ("..hidden").
  const outside = relative === '..' || /^\.\.[\\/]/.test(relative) || nodePath.isAbsolute(relative);
  return relative === '' ? '.' : outside ? file : relative;
}

/**
 * What `path.relative` gives for a clean path, worked out without it (thousands of findings name a
 * production's files): the rest of one under the working folder, or ".." for an absolute one
 * elsewhere (the caller reads no more of that answer); `undefined` for a path that needs resolving.
 */
function relativeOfCleanPath(cwd: string, file: string): string | undefined {
  if (file.startsWith(`${cwd}/`)) {
    const rest = file.slice(cwd.length + 1);
    return NEEDS_RESOLVING.test(rest) ? undefined : rest;
  }
  const elsewhere = nodePath.sep === '/' && cwd !== '/' && file !== cwd && file.startsWith('/');
  return elsewhere && !NEEDS_RESOLVING.test(file.slice(1)) ? '..' : undefined;
}

/** A "." or ".." segment, an empty one (a leading or doubled slash), or a trailing slash: what `path.relative` would resolve away. */
const NEEDS_RESOLVING = /^\/|(^|\/)\.\.?(\/|$)|\/\/|\/$/;

/** `display`, worked out once per file: a large production's findings name the same few thousand files over and over. */
export function displayOnce(io: CliIo): (file: string) => string {
  const displayed = new Map<string, string>();
  return (file) => keptIn(displayed, file, () => display(io, file));
}

/** What was written to an output as text (kept output is written as bytes). */
export function outputText(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
}
