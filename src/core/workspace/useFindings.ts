/**
 * What a check makes of each use: its guideline findings placed where a person works (a script
 * passage, or an asset shown through its sidecar field), its record with its status, and the
 * reuse of findings that did not change, so an editor re-sends nothing for an unchanged use.
 */
import { ConfigCascade } from '../config/config';
import { Finding, keepEqualFindings, Location } from '../findings';
import { UseFinding, useStatus } from '../policy/evaluate';
import { RuleCatalog } from '../policy/rules';
import { JsonPath } from '../sidecar/parse';
import { SubjectKind } from '../sidecar/paths';
import { Use, useName } from '../sidecar/schema';
import { UseRecord } from './records';

const START: Location['start'] = { line: 1, column: 1 };

/** The rules that apply to one sidecar's subject: the packs enabled there, from the production's catalogue. */
export interface AppliedPolicy {
  packs: ReadonlySet<string>;
  catalog: RuleCatalog;
  /** The configuration whose severities were applied. */
  config: ConfigCascade | undefined;
}

/**
 * A check makes its integrity findings (invalid sidecar, missing or stale subject, orphaned tag)
 * afresh; for a kept sidecar (the same parsed object as last time) each one equal to last time's
 * is given back as it was, so an editor sends nothing again for an unchanged production.
 */
const lastIntegrity = new WeakMap<object, Finding[]>();

export function asLastTime(parsed: object, findings: Finding[]): Finding[] {
  const kept = keepEqualFindings(lastIntegrity.get(parsed) ?? [], findings);
  lastIntegrity.set(parsed, kept);
  return kept;
}

/**
 * A use's findings as placed at a passage, kept while the use (the same parsed object), its place
 * and the policy stay the same: typing on one line of a script moves few passages, and the others'
 * findings are reused rather than rebuilt on every keystroke.
 */
const placed = new WeakMap<Use, { where: string; policy: AppliedPolicy; findings: Finding[] }>();

export function placedOnce(use: Use, where: Location | undefined, policy: AppliedPolicy, place: () => Finding[]): Finding[] {
  const key = where ? `${where.file}:${where.start.line}:${where.start.column}:${where.end.line}:${where.end.column}` : '';
  const known = placed.get(use);
  if (
    known &&
    known.where === key &&
    known.policy.packs === policy.packs &&
    known.policy.catalog === policy.catalog &&
    known.policy.config === policy.config
  )
    return known.findings;
  const findings = place();
  placed.set(use, { where: key, policy, findings });
  return findings;
}

/**
 * A guideline finding about a script passage goes on the passage (where the writer works), with
 * the sidecar field that causes it as related information; one about an asset goes on the sidecar
 * field, and an editor shows it on the asset itself (binary files have no text, but they do have
 * Problems entries).
 */
export function placeUseFindings(
  use: Use,
  found: UseFinding[],
  sidecarPath: string,
  useAt: (f: Readonly<JsonPath>) => Location,
  range: Location | undefined,
  asset?: string,
): Finding[] {
  // Object literals of one shape, not spreads: a large production places tens of thousands a check.
  const recordedIn = `Recorded in ${sidecarPath.slice(sidecarPath.lastIndexOf('/') + 1)}`;
  const assetStart = asset === undefined ? undefined : wholeFileStart(asset);
  return found.map((f): Finding => {
    const field = useAt(f.field);
    const severity = f.severity;
    if (range) {
      const related = [{ file: field.file, start: field.start, end: field.end, message: recordedIn }];
      return {
        file: range.file,
        start: range.start,
        end: range.end,
        rule: f.rule,
        severity,
        message: f.message,
        useId: use.id,
        useName: useName(use),
        sidecar: sidecarPath,
        related,
      };
    }
    const finding: Finding = {
      file: field.file,
      start: field.start,
      end: field.end,
      rule: f.rule,
      severity,
      message: f.message,
      useId: use.id,
      useName: useName(use),
      sidecar: sidecarPath,
      related: [],
    };
    if (assetStart) finding.shownAt = assetStart;
    return finding;
  });
}

export function record(
  use: Use,
  sidecar: string,
  subjects: string[],
  kind: SubjectKind,
  range: Location | undefined,
  findings: Finding[],
  policy: AppliedPolicy,
  match?: UseRecord['match'],
): UseRecord {
  const status = useStatus(
    use,
    findings.filter((f) => f.useId === use.id),
    policy.catalog,
  );
  const used: UseRecord = { use, sidecar, subjects, kind, range, status, findings };
  if (match) used.match = match;
  return used;
}

export function wholeFileStart(file: string): Location {
  return { file, start: START, end: START };
}
