import { Minimatch } from 'minimatch';
import { posixPath } from '../posixPath';
import { lowerBound } from '../sorted';

import { SIDECAR_SUFFIX } from '../fileNames';

export { SIDECAR_SUFFIX };
/** Name of a folder sidecar, whose uses cover files by glob (frame sequences, whole folders). */
export const FOLDER_SIDECAR_NAME = '.ai.json';

export type SubjectKind = 'script' | 'image' | 'audio' | 'video' | 'other';

const kindOf = (kind: SubjectKind, extensions: string[]) => extensions.map((extension): [string, SubjectKind] => [extension, kind]);
/** Each known extension, in lower case, with the kind of file it names. */
const KIND_BY_EXTENSION: ReadonlyMap<string, SubjectKind> = new Map([
  ...kindOf('script', ['.fountain', '.spmd', '.md', '.markdown', '.txt', '.fdx']),
  ...kindOf('image', [
    '.png',
    '.jpg',
    '.jpeg',
    '.gif',
    '.webp',
    '.tif',
    '.tiff',
    '.heic',
    '.heif',
    '.exr',
    '.dpx',
    '.psd',
    '.svg',
    '.bmp',
    '.avif',
  ]),
  ...kindOf('audio', ['.wav', '.mp3', '.aif', '.aiff', '.flac', '.ogg', '.m4a', '.aac', '.bwf']),
  ...kindOf('video', ['.mp4', '.mov', '.mxf', '.mkv', '.avi', '.webm', '.m4v', '.r3d', '.braw']),
]);

export function sidecarPathFor(filePath: string): string {
  return filePath + SIDECAR_SUFFIX;
}

export function isSidecarPath(filePath: string): boolean {
  return filePath.endsWith(SIDECAR_SUFFIX);
}

export function isFolderSidecar(sidecarPath: string): boolean {
  // Asked several times for each sidecar of a check: the name is compared where it stands.
  if (sidecarPath.endsWith('/')) return posixPath.basename(sidecarPath) === FOLDER_SIDECAR_NAME;
  const nameStart = sidecarPath.length - FOLDER_SIDECAR_NAME.length;
  return sidecarPath.endsWith(FOLDER_SIDECAR_NAME) && (nameStart === 0 || sidecarPath.charCodeAt(nameStart - 1) === SLASH);
}

const SLASH = 0x2f;

/** The file a file sidecar describes (`x.png.ai.json` → `x.png`), or the folder of a folder sidecar. */
export function subjectPathOf(sidecarPath: string): string {
  return isFolderSidecar(sidecarPath) ? posixPath.dirname(sidecarPath) : sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
}

export function subjectKindOf(filePath: string): SubjectKind {
  const extension = posixPath.extname(filePath);
  // Most extensions are written in lower case already: no lower-cased copy made for them.
  return KIND_BY_EXTENSION.get(extension) ?? KIND_BY_EXTENSION.get(extension.toLowerCase()) ?? 'other';
}

export function isScriptPath(filePath: string): boolean {
  return subjectKindOf(filePath) === 'script';
}

/** A Final Draft script: XML, read as a screenplay through anchor/scriptView.ts. */
export function isFinalDraftPath(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.fdx');
}

/** A script whose file text is the script itself (every script format but Final Draft's XML). */
export function isTextScriptPath(filePath: string): boolean {
  return isScriptPath(filePath) && !isFinalDraftPath(filePath);
}

/** A compiled glob, and where it allows, a test of a bare file name that gives `match`'s answer. */
interface Glob {
  matcher: Minimatch;
  matchName: ((name: string) => boolean) | undefined;
}

/** Compiled globs: a production has few distinct globs and matches them against many files. */
const compiledGlobs = new Map<string, Glob>();

function globFor(pattern: string): Glob {
  let glob = compiledGlobs.get(pattern);
  if (!glob) {
    if (compiledGlobs.size >= 2048) compiledGlobs.clear();
    const matcher = new Minimatch(pattern, { dot: true, nocase: false });
    glob = { matcher, matchName: nameTestOf(matcher) };
    compiledGlobs.set(pattern, glob);
  }
  return glob;
}

/**
 * For a glob of one path segment (`*.exr`, `plate.{exr,dpx}`): the test `match` applies to a bare
 * name (no slash, backslash or colon, which it would split or read as a drive), without splitting
 * the name into an array first. A shot folder's sidecar tests its glob on every frame in the folder.
 */
function nameTestOf(matcher: Minimatch): Glob['matchName'] {
  const { options } = matcher;
  if (matcher.comment || matcher.empty || options.matchBase || options.flipNegate || (options.optimizationLevel ?? 1) >= 2)
    return undefined;
  const parts = matcher.set.map((pattern) => (pattern.length === 1 ? pattern[0] : undefined));
  const tests: (string | RegExp)[] = [];
  for (const part of parts) {
    if (typeof part !== 'string' && !(part instanceof RegExp)) return undefined;
    tests.push(part);
  }
  const negate = matcher.negate;
  return (name) => {
    for (const test of tests) if (typeof test === 'string' ? name === test : test.test(name)) return !negate;
    return negate;
  };
}

const SEGMENT_BREAK = /[/\\:]/;

/** Does the compiled glob match a path relative to its folder? */
function globMatches({ matcher, matchName }: Glob, relative: string): boolean {
  return matchName && !SEGMENT_BREAK.test(relative) ? matchName(relative) : matcher.match(relative);
}

/** A test of whether one of a folder use's globs (relative to the folder sidecar's folder) covers a file. */
function coverTest(globs: readonly string[], folder: string): (filePath: string) => boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  const compiled = globs.map(globFor);
  return (filePath) => {
    if (!filePath.startsWith(prefix) || filePath.length === prefix.length) return false;
    const relative = filePath.slice(prefix.length);
    // A loop, not some(): no closure made for each of a folder's thousands of frames.
    for (const glob of compiled) if (globMatches(glob, relative)) return true;
    return false;
  };
}

/** Does one of a folder use's globs (relative to the folder sidecar's folder) cover this file? */
export function globsCover(globs: readonly string[], folder: string, filePath: string): boolean {
  return coverTest(globs, folder)(filePath);
}

/** The files of `files` that one of a folder use's globs covers: the globs and folder prepared once, not per file. */
export function filesCovered(globs: readonly string[], folder: string, files: readonly string[]): string[] {
  return globs.length > 0 ? files.filter(coverTest(globs, folder)) : [];
}

/** The files of a sorted list that lie under `folder`: found by binary search, not by a scan. */
export function filesUnder(sortedFiles: readonly string[], folder: string): readonly string[] {
  return sortedFiles.slice(...rangeUnder(sortedFiles, folder));
}

/** Where the files under `folder` are in a sorted list: indices [start, end). */
export function rangeUnder(sortedFiles: readonly string[], folder: string): [start: number, end: number] {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  // Every path in the folder sorts before the folder's name followed by "0", the character after "/".
  return [lowerBound(sortedFiles, prefix), lowerBound(sortedFiles, `${prefix.slice(0, -1)}0`)];
}

/** Is `path` the folder itself or inside it? Asked per file and finding: no string is made. */
export function isAtOrUnder(path: string, folder: string): boolean {
  return path.startsWith(folder) && (path.length === folder.length || path.charCodeAt(folder.length) === SLASH);
}

/**
 * Every sidecar path that may hold uses for `filePath`: its own, then folder sidecars up to `root`
 * ("/" for every folder above it). Worked out on the path's text: it is asked per Explorer row and
 * keystroke, and a Windows path ("C:/...") has no meaning to a POSIX resolve.
 */
export function candidateSidecarsFor(filePath: string, root: string): string[] {
  const candidates = [sidecarPathFor(filePath)];
  const top = root.replace(/\/+$/, '');
  for (let end = filePath.lastIndexOf('/'); end >= top.length; end = filePath.lastIndexOf('/', end - 1)) {
    const folder = filePath.slice(0, end);
    candidates.push(`${folder}/${FOLDER_SIDECAR_NAME}`);
    if (folder === top) break;
  }
  return candidates;
}

/** Forward slashes everywhere in the core; Node accepts them on every platform. */
export function toPosixPath(filePath: string): string {
  return filePath.replace(/\\/g, '/');
}
