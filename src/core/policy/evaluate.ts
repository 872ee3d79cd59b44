import { JsonPath } from '../sidecar/parse';
import { RuleId, Use, useName } from '../sidecar/schema';
import { compiled, compiledTemplate, Fill, keysOf, Test } from './conditions';
import { DEFAULT_PACKS, RuleCatalog, RuleDefinition, Severity } from './rules';
import { keptIn } from '../memo';

/** A guideline finding about one use, before it is given a place in a file. */
export interface UseFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The sidecar field that causes it, so the finding can point at it. */
  field: Readonly<JsonPath>;
}

/** Where a use stands with the studio; drives the report's summary and the tree view. */
export type UseStatus = 'violation' | 'denied' | 'needs-approval' | 'pending' | 'approved' | 'to-notify' | 'notified';

/** How each status reads to a person, worst first (reports, hovers, the tree view). */
export const STATUS_LABELS: Record<UseStatus, string> = {
  violation: 'Violates a guideline',
  denied: 'Approval denied',
  'needs-approval': 'Needs written approval',
  pending: 'Approval pending',
  approved: 'Approved in writing',
  'to-notify': 'Within guidelines: notify contact',
  notified: 'Within guidelines: contact notified',
};

/** A catalogue rule with its conditions and messages made into functions (`compiled`), once per catalogue. */
interface CompiledRule {
  definition: RuleDefinition;
  unless: Test | undefined;
  cases: { when: Test; message: Fill; field: readonly string[]; severity?: Severity }[];
}

const compiledCatalogs = new WeakMap<RuleCatalog, readonly CompiledRule[]>();

function compiledRules(catalog: RuleCatalog): readonly CompiledRule[] {
  return keptIn(compiledCatalogs, catalog, () =>
    catalog.rules.map((definition) => ({
      definition,
      unless: definition.unless && compiled(definition.unless),
      cases: (definition.cases ?? []).map((c) => ({
        when: compiled(c.when),
        message: compiledTemplate(c.message),
        field: keysOf(c.field),
        severity: c.severity,
      })),
    })),
  );
}

/**
 * Evaluates one use against the guideline rules. Approval settles the rules it can settle (the use
 * stays in the report); suppressions with a reason remove a rule for this use only.
 */
export function evaluateUse(
  use: Use,
  packs: ReadonlySet<string> = DEFAULT_PACKS,
  catalog: RuleCatalog = RuleCatalog.builtIn,
): UseFinding[] {
  const name = `AI use "${useName(use)}"`;
  const approval = use.approval?.status ?? 'not-requested';
  // Most uses suppress nothing: no set made for them (a production evaluates tens of thousands).
  const suppressed = use.suppressions.length === 0 ? undefined : new Set(use.suppressions.map((s) => s.rule));
  const findings: UseFinding[] = [];
  const add = (rule: RuleId, message: string, field: Readonly<JsonPath>, severity?: Severity) => {
    if (!suppressed?.has(rule)) findings.push({ rule, message, field, severity: severity ?? catalog.get(rule).defaultSeverity });
  };

  if (approval === 'denied') {
    const by = use.approval?.by ? ` by ${use.approval.by}` : '';
    add('approval-denied', `${name} was denied written approval${by}; remove it or change it and ask again`, ['approval', 'status']);
  }
  let outsideGuidelines = false;
  for (const { definition, unless, cases } of compiledRules(catalog)) {
    if (!packs.has(definition.pack) || (unless && unless(use))) continue;
    const hit = firstCaseMet(cases, use);
    if (!hit) continue;
    outsideGuidelines = true;
    if (definition.clearedByApproval && (approval === 'approved' || approval === 'denied')) continue;
    const pendingNote = definition.clearedByApproval && approval === 'pending' ? ' (approval pending)' : '';
    add(definition.id, hit.message(use) + pendingNote, hit.field, hit.severity);
  }
  if (!outsideGuidelines && !use.notified) {
    add('notify-contact', `${name} is within the guidelines: tell the studio contact and record the date`, ['notified']);
  }
  return findings;
}

/** The first case the use meets, which says what the finding reads and where it points. */
function firstCaseMet(cases: CompiledRule['cases'], use: Use): CompiledRule['cases'][number] | undefined {
  for (const c of cases) if (c.when(use)) return c;
  return undefined;
}

/** Where a use stands, for summaries: the worst of what is still open decides. */
export function useStatus(
  use: Use,
  findings: readonly Pick<UseFinding, 'rule' | 'severity'>[],
  catalog: RuleCatalog = RuleCatalog.builtIn,
): UseStatus {
  const approval = use.approval?.status ?? 'not-requested';
  if (approval === 'denied') return 'denied';
  if (findings.some((f) => f.severity === 'error')) return 'violation';
  const needsApproval = findings.some((f) => catalog.find(f.rule)?.clearedByApproval);
  if (needsApproval) return approval === 'pending' ? 'pending' : 'needs-approval';
  if (approval === 'approved') return 'approved';
  return use.notified ? 'notified' : 'to-notify';
}
