import { JsonPath, JsonProblem, Locate, parseValidatedJson } from '../json/validatedJson';
import { Sidecar, SIDECAR_FORMAT_VERSION } from './schema';

export type { JsonPath } from '../json/validatedJson';
export { formatPath } from '../json/validatedJson';

/** A problem in a sidecar, at the exact place a person has to look. */
export type SidecarProblem = JsonProblem;

export interface ParsedSidecar {
  ok: true;
  sidecar: Sidecar;
  /** Locates a JSON path in the original text (falls back to the nearest existing ancestor). */
  locate: Locate;
}

export interface InvalidSidecar {
  ok: false;
  problems: SidecarProblem[];
}

export type SidecarParseResult = ParsedSidecar | InvalidSidecar;

/**
 * Parses and validates sidecar text. Never throws: every failure comes back as a problem with a
 * 1-based line and column in `text` as it is on disk.
 */
export function parseSidecar(text: string): SidecarParseResult {
  const result = parseValidatedJson(text, Sidecar, { precheck: newerVersion, postcheck: duplicateIdProblems });
  return result.ok ? { ok: true, sidecar: result.value, locate: result.locate } : result;
}

function newerVersion(data: unknown): { message: string; path: JsonPath } | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const version = (data as Record<string, unknown>).version;
  if (typeof version === 'number' && version > SIDECAR_FORMAT_VERSION) {
    return {
      message: `This sidecar is format version ${version}; this release reads version ${SIDECAR_FORMAT_VERSION}. Update AI Disclosure; the file is left as it is.`,
      path: ['version'],
    };
  }
  return undefined;
}

function duplicateIdProblems(sidecar: Sidecar, locate: Locate): SidecarProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: SidecarProblem[] = [];
  sidecar.uses.forEach((use, index) => {
    const earlier = firstIndex.get(use.id);
    if (earlier === undefined) firstIndex.set(use.id, index);
    else {
      const path = ['uses', index, 'id'];
      problems.push({ message: `uses[${index}].id: "${use.id}" is already used by uses[${earlier}]; ids must be unique`, ...locate(path), path });
    }
  });
  return problems;
}
