import { isJsonObject, JsonProblem, Locate, parseValidatedJson } from '../json/validatedJson';
import * as z from '../json/zod';
import { Sidecar, SIDECAR_FORMAT_VERSION } from './schema';
import { isValidSidecar } from './sidecarValidator.generated';

export type { JsonPath } from '../json/validatedJson';
export { formatPath } from '../json/validatedJson';

/** A problem in a sidecar, at the exact place a person has to look. */
export type SidecarProblem = JsonProblem;

export interface ParsedSidecar {
  ok: true;
  sidecar: Sidecar;
  /** Locates a JSON path in the original text (falls back to the nearest existing ancestor). */
  locate: Locate;
  /** Drops what `locate` remembers; it finds places again when next asked. */
  forgetPlaces: () => void;
  /**
   * Set when a newer release wrote it (format version above this release's): it is read as far as
   * this release understands it, and never written back, so it is never downgraded.
   */
  newerFormat?: number;
}

export interface InvalidSidecar {
  ok: false;
  problems: SidecarProblem[];
  /**
   * When only some uses are wrong: the sidecar with the uses that validate, read as they are, so
   * one mistyped use does not hide the others from the checks, counts and views. Its `locate`
   * answers in the file's own places. The file is still never written until it is fixed.
   */
  salvage?: ParsedSidecar;
}

export type SidecarParseResult = ParsedSidecar | InvalidSidecar;

// A production has thousands of sidecars: each is checked by the validator generated from the schema.
z.validatedBy(Sidecar, isValidSidecar);

/**
 * Parses and validates sidecar text. Never throws: every failure comes back as a problem with a
 * 1-based line and column in `text` as it is on disk.
 */
export function parseSidecar(text: string): SidecarParseResult {
  let newerFormat: number | undefined;
  const result = parseValidatedJson(text, Sidecar, {
    schemaFor: (data) => {
      newerFormat = newerVersionOf(data);
      return newerFormat === undefined ? Sidecar : NewerSidecar;
    },
    postcheck: duplicateIdProblems,
  });
  if (!result.ok) {
    if (newerFormat === undefined)
      return { ok: false, problems: result.problems, salvage: usesThatValidate(result.refused, result.problems) };
    // Say why it may not fit: what a newer release wrote can differ in ways this one cannot know.
    const note = ` (this sidecar is format version ${newerFormat}; this release reads version ${SIDECAR_FORMAT_VERSION}: update AI Disclosure; the file is left as it is)`;
    return { ok: false, problems: result.problems.map((p) => ({ ...p, message: p.message + note })) };
  }
  return {
    ok: true,
    sidecar: result.value,
    locate: result.locate,
    forgetPlaces: result.forgetPlaces,
    ...(newerFormat !== undefined ? { newerFormat } : {}),
  };
}

/** The use a problem is inside (`uses[3].tool.name` → 3), if it is inside one. */
function useIndexOf(problem: SidecarProblem): number | undefined {
  const [first, index] = problem.path ?? [];
  return first === 'uses' && typeof index === 'number' ? index : undefined;
}

/**
 * The sidecar as parsed once already, less the uses its problems are in: kept when the rest
 * validates as a whole (places stay the file's own), else nothing.
 */
function usesThatValidate(
  refused: { data: unknown; locate: Locate; forgetPlaces: () => void } | undefined,
  problems: readonly SidecarProblem[],
): ParsedSidecar | undefined {
  const data = refused?.data;
  if (!refused || !isJsonObject(data) || !Array.isArray(data.uses)) return undefined;
  const wrongUses = new Set<number>();
  for (const problem of problems) {
    const index = useIndexOf(problem);
    if (index === undefined) return undefined;
    wrongUses.add(index);
  }
  const kept: number[] = [];
  const uses: unknown[] = [];
  data.uses.forEach((use, index) => {
    if (wrongUses.has(index)) return;
    kept.push(index);
    uses.push(use);
  });
  const rest = { ...data, uses };
  const valid = z.validInPlace(Sidecar, rest) ?? Sidecar.safeParse(rest);
  if (!valid.success) return undefined;
  // Places of the kept uses are the file's: uses[1] of the salvage may be uses[3] on disk.
  const locate: Locate = (path) =>
    path[0] === 'uses' && typeof path[1] === 'number'
      ? refused.locate(['uses', kept[path[1]] ?? path[1], ...path.slice(2)])
      : refused.locate(path);
  if (duplicateIdProblems(valid.data, locate).length > 0) return undefined;
  return { ok: true, sidecar: valid.data, locate, forgetPlaces: refused.forgetPlaces };
}

/** A newer release's sidecar, read with this release's rules except for the version number. */
const NewerSidecar = z.lazy(() => z.extend(Sidecar.def.getter(), { version: z.number().check(z.int()) })) as unknown as typeof Sidecar;

function newerVersionOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const version = (data as Record<string, unknown>).version;
  return typeof version === 'number' && Number.isInteger(version) && version > SIDECAR_FORMAT_VERSION ? version : undefined;
}

function duplicateIdProblems(sidecar: Sidecar, locate: Locate): SidecarProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: SidecarProblem[] = [];
  sidecar.uses.forEach((use, index) => {
    const earlier = firstIndex.get(use.id);
    if (earlier === undefined) firstIndex.set(use.id, index);
    else {
      const path = ['uses', index, 'id'];
      problems.push({
        message: `uses[${index}].id: "${use.id}" is already used by uses[${earlier}]; ids must be unique`,
        ...locate(path),
        path,
      });
    }
  });
  return problems;
}
