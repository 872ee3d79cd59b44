import { Severity } from './policy/rules';
import { RULE_ID_PATTERN, RuleId } from './sidecar/schema';
import { compareText } from './sorted';
import { TextPosition } from './text/lineIndex';
import { sameItems } from './lists';
import type { KeyFix } from './json/misspelledKeys';

/** A place in a file: 1-based, end exclusive. */
export interface Location {
  file: string;
  start: TextPosition;
  end: TextPosition;
}

/** One problem found in a production, at the place a person fixes it. */
export interface Finding extends Location {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The use it is about, when it is about one. */
  useId?: string;
  /** How that use is named to people: its title, or its id. */
  useName?: string;
  /** The sidecar that records the use (may be `file` itself). */
  sidecar?: string;
  /** Other places worth opening: the sidecar entry for a script finding, and the reverse. */
  related: (Location & { message: string })[];
  /**
   * Where an editor shows it instead of its own place: the tagged asset, for a finding about an
   * asset's use (a binary file has Problems entries but no text). Its own place, the sidecar
   * field, is then related information. Command-line output and reports use its own place.
   */
  shownAt?: Location;
  /** A suppression of a rule not checked here (`unknown-rule`): the id it names, and the rule's it looks like. */
  suppressed?: { rule: string; meant?: string };
  /** A misspelled or misplaced field (`misspelled-field`, or a required one of `invalid-sidecar`): its key and how to fix it. */
  misspelled?: KeyFix;
}

/**
 * `now`, with each finding equal to one in `before` given back as that object, and `before` itself
 * when they are all equal: an editor compares findings by identity and sends again only new ones.
 */
export function keepEqualFindings(before: readonly Finding[], now: Finding[]): Finding[] {
  // Most findings are where they were in the list: the very objects (a keystroke's re-check keeps
  // them), or made again and equal (a re-check under a new configuration), compared field by field.
  const atPlace = now.map((finding, i) => (i < before.length && equalData(finding, before[i]) ? before[i] : finding));
  if (sameItems(atPlace, before)) return before as Finding[];
  // The rest may have moved in the list: matched as text among the earlier ones no longer held.
  const held = new Set(atPlace);
  const dropped = new Map<string, Finding>();
  for (const finding of before) if (!held.has(finding)) dropped.set(JSON.stringify(finding), finding);
  if (dropped.size === 0) return atPlace;
  const earlier = new Set(before);
  const kept = atPlace.map((finding) => (earlier.has(finding) ? finding : (dropped.get(JSON.stringify(finding)) ?? finding)));
  return sameItems(kept, before) ? (before as Finding[]) : kept;
}

/** Equality of plain data (objects, arrays, strings, numbers), field by field, without making text. */
function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys)
    if (!Object.hasOwn(b, key) || !equalData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Stable order: by file, then position, then severity and rule, so outputs never shuffle. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareRules(a.rule, b.rule) ||
    compareText(a.useId ?? '', b.useId ?? '')
  );
}

/**
 * `compareText` for rule ids, each pair worked out once: a use's findings in a script share its
 * place and tie on all else, and a production has a few dozen rule ids at most. For ids spelled as
 * rule ids must be (lower-case ASCII words joined by "-") code-unit order is the collator's, so a
 * check need not make a collator at all; any other spelling is asked of the collator.
 */
function compareRules(a: string, b: string): number {
  if (a === b) return 0;
  let orderWith = ruleOrder.get(a);
  if (!orderWith) ruleOrder.set(a, (orderWith = new Map<string, number>()));
  let order = orderWith.get(b);
  if (order === undefined) {
    order = RULE_ID_PATTERN.test(a) && RULE_ID_PATTERN.test(b) ? (a < b ? -1 : 1) : compareText(a, b);
    orderWith.set(b, order);
  }
  return order;
}

const ruleOrder = new Map<string, Map<string, number>>();

/** A finding as flat data (CLI `--format json`, the JSON and SARIF reports): 1-based, path as given. */
export interface FindingRow {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  useId: string | null;
}

export function toFindingRow(finding: Finding, displayPath: (file: string) => string): FindingRow {
  return {
    file: displayPath(finding.file),
    line: finding.start.line,
    column: finding.start.column,
    endLine: finding.end.line,
    endColumn: finding.end.column,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    useId: finding.useId ?? null,
  };
}
