import { posixPath } from '../posixPath';
import { ConfigCascade } from '../config/config';
import { Finding } from '../findings';
import { FileSystem } from '../fs/fileSystem';
import { ruleById } from '../policy/rules';
import { MediaCache } from '../fs/mediaCache';
import { unreadableReason } from '../errors';
import { keptIn } from '../memo';
import {
  describeProvenance,
  hasReadableProvenance,
  Provenance,
  provenanceFilesBeside,
  provenanceSidecarStem,
  readProvenance,
} from '../provenance/provenance';
import { includesSorted } from '../sorted';
import { isSidecarPath, sidecarPathFor } from '../sidecar/paths';
import { mapLimited, sharedTurns } from './scan';

/** Reads a file's provenance (enough of it to say whether generative AI made the file; see `provenanceThrough`). */
export type ProvenanceReader = (file: string) => Promise<Provenance | undefined>;

/**
 * The media files no use covers and no sidecar describes, and no configuration leaves out: the
 * ones whose embedded provenance is worth reading. A file with a sidecar, even one that does not
 * validate, is already declared. `isExcluded` is asked inside the loop that may pause: an editor's
 * production can hold a hundred thousand untagged frames, more than a frame of glob tests in one go.
 * `covered`: the files uses cover (`filesCoveredBy`, or an editor's lookup by file).
 */
export async function undeclaredCandidates(
  files: readonly string[],
  covered: Pick<ReadonlySet<string>, 'has'>,
  sidecars: Pick<ReadonlySet<string>, 'has'>,
  isExcluded?: (file: string) => boolean,
): Promise<string[]> {
  // A production can have hundreds of thousands of files: the event loop turns every few milliseconds.
  const turns = sharedTurns;
  const candidates: string[] = [];
  for (let i = 0; i < files.length; i++) {
    // Most files are rejected by their extension alone: the clock is read every 256 of them.
    if (i % 256 === 0) for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    const file = files[i];
    if (
      hasReadableProvenance(file) &&
      !isSidecarPath(file) &&
      // A tagged file's own sidecar first: one lookup, where finding its uses looks through folders.
      !sidecars.has(sidecarPathFor(file)) &&
      !covered.has(file) &&
      !isExcluded?.(file)
    )
      candidates.push(file);
  }
  return candidates;
}

/** Every file the uses cover (one folder use can cover thousands of frames: the loop may pause). */
export async function filesCoveredBy(uses: readonly { subjects: readonly string[] }[]): Promise<Set<string>> {
  const turns = sharedTurns;
  const covered = new Set<string>();
  for (const use of uses) {
    for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    for (const subject of use.subjects) covered.add(subject);
  }
  return covered;
}

/** The finding for an asset whose metadata says generative AI made it, when no use is recorded. */
export function undeclaredFinding(file: string, provenance: Provenance): Finding {
  const start = { line: 1, column: 1 };
  return {
    file,
    start,
    end: start,
    rule: 'undeclared-ai-asset',
    severity: ruleById('undeclared-ai-asset').defaultSeverity,
    message: `"${posixPath.basename(file)}" is marked as made with generative AI (${describeProvenance(provenance)}) but no AI use is recorded for it`,
    related: [],
  };
}

/** Reads the candidates' headers (a few files at a time) and reports the generative ones. */
export async function checkUndeclaredAssets(
  candidates: readonly string[],
  read: ProvenanceReader,
  config?: ConfigCascade,
): Promise<Finding[]> {
  const provenance = await mapLimited(candidates, 16, (file) => read(file).catch(() => undefined));
  const findings = candidates.flatMap((file, i) => {
    const found = provenance[i];
    return found?.generative ? [undeclaredFinding(file, found)] : [];
  });
  return config ? config.settle(findings) : findings;
}

/**
 * Reads provenance through a production's media cache: a medium unchanged since a check read it
 * is not read again. One with a C2PA manifest or XMP file beside it in `files` (sorted) is always
 * read: the cache knows the medium's size and time, not those of the files beside it. With a
 * cache it answers only for media marked as made with generative AI (what the undeclared check
 * asks), nothing for others.
 */
export function provenanceThrough(fs: FileSystem, media: MediaCache | undefined, files: readonly string[]): ProvenanceReader {
  // The walk says which files lie beside a medium: the reader opens only those.
  const exists = (path: string) => includesSorted(files, path);
  return async (file) => {
    if (!media || provenanceFilesBeside(file).some(exists)) return readProvenance(fs, file, exists);
    const stat = await fs.stat(file);
    return stat?.type === 'file' ? media.generativeProvenance(file, stat, () => readProvenance(fs, file, exists)) : undefined;
  };
}

/** A medium whose file could not be read for provenance. */
const UNREADABLE = Symbol('unreadable');

/**
 * What each medium's headers said, kept until the file changes: a re-check of undeclared media
 * reads no file twice. `check` reads through it and says which media could not be read.
 */
export class KnownProvenance {
  private readonly known = new Map<string, Promise<Provenance | undefined | typeof UNREADABLE>>();

  /** Findings for the candidates marked as AI-made, and the candidates that could not be read (not taken for unmarked). */
  async check(candidates: readonly string[], read: ProvenanceReader): Promise<{ findings: Finding[]; unreadable: string[] }> {
    const unreadable: string[] = [];
    const findings = await checkUndeclaredAssets(candidates, async (file) => {
      const provenance = await keptIn(this.known, file, () =>
        read(file).catch((error: unknown) => (unreadableReason(error) === undefined ? undefined : UNREADABLE)),
      );
      if (provenance !== UNREADABLE) return provenance;
      unreadable.push(file);
      return undefined;
    });
    return { findings, unreadable: unreadable.sort() };
  }

  /** Forgets what a changed file said; a C2PA or XMP file beside media speaks for them, so theirs too. */
  forget(path: string): void {
    this.known.delete(path);
    const stem = provenanceSidecarStem(path);
    if (stem !== undefined) for (const known of [...this.known.keys()]) if (known.startsWith(stem)) this.known.delete(known);
  }
}
