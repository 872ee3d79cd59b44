/**
 * What changed since a previous report, so a producer can send the studio contact an update
 * instead of the whole list: uses added, removed, and changed (which fields, old and new status).
 * The previous report is the JSON report an earlier run wrote; one from an older release is read
 * too (fields it did not have are not counted as changes).
 */
import * as z from '../json/zod';
import { Refusal } from '../errors';
import { FileSystem, readFileIfPresent } from '../fs/fileSystem';
import { decodeUtf8 } from '../text/encoding';
import { isJsonObject, parseValidatedJson } from '../json/validatedJson';
import { compareText } from '../sorted';
import type { ReportChanges, ReportUse } from './schema';

const PreviousFinding = z.looseObject({
  file: z.string(),
  rule: z.string(),
  message: z.string(),
  useId: z.optional(z.nullable(z.string())),
});

/** As much of a JSON report as a comparison needs; everything else it holds is read loosely. */
export const PreviousReport = z.lazy(() =>
  z.looseObject({
    generatedAt: z.string(),
    fingerprint: z.optional(z.string()),
    uses: z.array(z.looseObject({ id: z.string(), sidecar: z.string(), status: z.string(), title: z.optional(z.nullable(z.string())) })),
    guidelineFindings: z.optional(z.array(z.looseObject({ findings: z.array(PreviousFinding) }))),
    integrityFindings: z.optional(z.array(z.looseObject({ findings: z.array(PreviousFinding) }))),
  }),
);
export type PreviousReport = z.infer<typeof PreviousReport>;

/** A JSON report read is a few megabytes for a large production; this bounds a wrong file. */
const MAX_PREVIOUS_REPORT_BYTES = 256 * 1024 * 1024;

/** Reads a previous JSON report from a file, refusing clearly a missing file, bad bytes or anything not a report. */
export async function loadPreviousReport(fs: FileSystem, path: string): Promise<PreviousReport> {
  const bytes = await readFileIfPresent(fs, path, MAX_PREVIOUS_REPORT_BYTES);
  if (!bytes) throw new Refusal(`${path}: no such file (--since takes a JSON report written earlier)`);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new Refusal(`${path}:${decoded.start.line}:${decoded.start.column}: ${decoded.message}`);
  return readPreviousReport(path, decoded.text);
}

/** A previous JSON report, or a refusal at the exact place it does not read as one. */
export function readPreviousReport(path: string, text: string): PreviousReport {
  const parsed = parseValidatedJson(text, PreviousReport);
  if (parsed.ok) return parsed.value;
  const [first] = parsed.problems;
  throw new Refusal(`${path}:${first.start.line}:${first.start.column}: not a JSON disclosure report: ${first.message}`);
}

/** Derived from others, or said apart: never listed as a changed field. */
const NOT_COMPARED = new Set(['id', 'sidecar', 'status', 'statusLabel']);

/**
 * Whether two recorded values are the same. Keys a previous report did not have (an older release
 * wrote it) are not differences.
 */
function sameValue(before: unknown, after: unknown): boolean {
  if (Array.isArray(before) && Array.isArray(after))
    return before.length === after.length && before.every((b, i) => sameValue(b, after[i]));
  if (isJsonObject(before) && isJsonObject(after)) return Object.keys(before).every((key) => sameValue(before[key], after[key]));
  return before === after;
}

const keyOf = (use: { sidecar: string; id: string }) => `${use.sidecar}#${use.id}`;
const byPlace = (a: { sidecar: string; id: string }, b: { sidecar: string; id: string }) =>
  compareText(a.sidecar, b.sidecar) || compareText(a.id, b.id);

/** The uses added, removed and changed since `previous`, each list sorted by sidecar and id. */
export function changesSince(previous: PreviousReport, uses: readonly ReportUse[]): ReportChanges {
  const before = new Map(previous.uses.map((use) => [keyOf(use), use as Record<string, unknown> & PreviousReport['uses'][number]]));
  const now = new Set(uses.map(keyOf));
  const named = (use: { id: string; sidecar: string; title?: string | null }, status: string) => ({
    id: use.id,
    title: use.title ?? null,
    sidecar: use.sidecar,
    status,
  });
  const changes: ReportChanges = {
    since: { generatedAt: previous.generatedAt, fingerprint: previous.fingerprint ?? null },
    added: [],
    removed: previous.uses.filter((use) => !now.has(keyOf(use))).map((use) => named(use, use.status)),
    changed: [],
  };
  for (const use of uses) {
    const was = before.get(keyOf(use));
    if (!was) {
      changes.added.push(named(use, use.status));
      continue;
    }
    const current = use as unknown as Record<string, unknown>;
    const fields = Object.keys(current).filter((key) => !NOT_COMPARED.has(key) && key in was && !sameValue(was[key], current[key]));
    if (fields.length > 0 || was.status !== use.status)
      changes.changed.push({ ...named(use, use.status), fields, statusBefore: was.status });
  }
  changes.added.sort(byPlace);
  changes.removed.sort(byPlace);
  changes.changed.sort(byPlace);
  return changes;
}

/** The findings of a previous report, by what identifies one across runs (use or file, and rule), with its message. */
export function previousFindings(previous: PreviousReport): Map<string, string> {
  const findings = [...(previous.guidelineFindings ?? []), ...(previous.integrityFindings ?? [])].flatMap((group) => group.findings);
  return new Map(findings.map((f) => [findingKey(f), f.message]));
}

export function findingKey(finding: { file: string; rule: string; useId?: string | null }): string {
  return `${finding.useId ?? finding.file}:${finding.rule}`;
}
