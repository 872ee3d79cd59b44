/**
 * What a check makes of each use: its guideline findings placed where a person works (a script
 * passage, or an asset shown through its sidecar field), its record with its status, and the
 * reuse of findings that did not change, so an editor re-sends nothing for an unchanged use.
 */
import { ConfigCascade } from '../config/config';
import { Finding, keepEqualFindings, Location } from '../findings';
import { evaluateUse, UseFinding, useStatus } from '../policy/evaluate';
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
 * What an editor's checks keep from one run to the next, by parsed object, so an unchanged sidecar
 * re-checked (every keystroke in a script, every rescan) gives back the very findings it gave
 * before and the editor re-sends nothing. A check run once (the CLI, a report) keeps none
 * (`CHECKED_ONCE`): its objects are never asked for again, and weak tables of every use cost the
 * collector on each pass.
 */
export interface CheckMemory {
  /**
   * A sidecar's integrity findings (invalid sidecar, missing or stale subject, orphaned tag), made
   * afresh: for the same parsed object as last time, each equal to last time's is given back as it was.
   */
  asLastTime(parsed: object, findings: Finding[]): Finding[];
  /**
   * A use's findings as placed at a passage, kept while the use (the same parsed object), its place
   * and the policy stay the same: typing on one line of a script moves few passages, and the
   * others' findings are reused rather than rebuilt.
   */
  placedOnce(use: Use, where: Location | undefined, policy: AppliedPolicy, place: () => Finding[]): Finding[];
  /** A use's guideline findings, for the same use object, packs and catalogue evaluated once. */
  evaluate(use: Use, packs: ReadonlySet<string>, catalog: RuleCatalog): UseFinding[];
}

export const CHECKED_ONCE: CheckMemory = {
  asLastTime: (_parsed, findings) => findings,
  placedOnce: (_use, _where, _policy, place) => place(),
  evaluate: evaluateUse,
};

export class KeptChecks implements CheckMemory {
  private readonly integrity = new WeakMap<object, Finding[]>();
  private readonly placed = new WeakMap<Use, { where: string; policy: AppliedPolicy; findings: Finding[] }>();
  private readonly evaluated = new WeakMap<Use, { packs: ReadonlySet<string>; catalog: RuleCatalog; findings: UseFinding[] }>();

  asLastTime(parsed: object, findings: Finding[]): Finding[] {
    const kept = keepEqualFindings(this.integrity.get(parsed) ?? [], findings);
    this.integrity.set(parsed, kept);
    return kept;
  }

  placedOnce(use: Use, where: Location | undefined, policy: AppliedPolicy, place: () => Finding[]): Finding[] {
    const key = where ? `${where.file}:${where.start.line}:${where.start.column}:${where.end.line}:${where.end.column}` : '';
    const known = this.placed.get(use);
    if (
      known &&
      known.where === key &&
      known.policy.packs === policy.packs &&
      known.policy.catalog === policy.catalog &&
      known.policy.config === policy.config
    )
      return known.findings;
    const findings = place();
    this.placed.set(use, { where: key, policy, findings });
    return findings;
  }

  evaluate(use: Use, packs: ReadonlySet<string>, catalog: RuleCatalog): UseFinding[] {
    const known = this.evaluated.get(use);
    if (known && known.packs === packs && known.catalog === catalog) return known.findings;
    const findings = evaluateUse(use, packs, catalog);
    this.evaluated.set(use, { packs, catalog, findings });
    return findings;
  }
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
