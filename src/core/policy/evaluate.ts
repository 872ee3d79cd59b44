import { JsonPath } from '../sidecar/parse';
import { RuleId, Use } from '../sidecar/schema';
import { ruleById, Severity } from './rules';

/** A guideline finding about one use, before it is given a place in a file. */
export interface UseFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The sidecar field that causes it, so the finding can point at it. */
  field: JsonPath;
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

const SENSITIVE_INPUTS = new Set(['script', 'unreleased-assets', 'footage', 'talent-likeness', 'personal-data']);
const SECURED_ENVIRONMENTS = new Set(['enterprise', 'local']);

type Check = (use: Use, name: string) => { message: string; field: JsonPath; severity?: Severity } | undefined;

/** Each guideline rule's condition. `unknown` answers fire: caution is the default. */
const GUIDELINE_CHECKS: Partial<Record<RuleId, Check>> = {
  'copyrighted-material': (use, name) => {
    const works = use.references?.copyrightedWorks ?? [];
    const figures = use.references?.publicFigures ?? [];
    if (works.length > 0 || figures.length > 0) {
      const named = [...works, ...figures].map((n) => `"${n}"`).join(', ');
      return { message: `${name} references ${named} in its prompt: written approval required`, field: ['references'] };
    }
    if (use.inputs.includes('third-party-material')) {
      return { message: `${name} puts third-party material into the tool: written approval required`, field: ['inputs'] };
    }
    return undefined;
  },
  'data-retention': (use, name) => {
    const { retainsInputs, trainsOnInputs } = use.tool;
    if (retainsInputs === 'no' && trainsOnInputs === 'no') return undefined;
    const field = trainsOnInputs !== 'no' ? ['tool', 'trainsOnInputs'] : ['tool', 'retainsInputs'];
    const what = trainsOnInputs === 'yes' ? 'trains on' : retainsInputs === 'yes' ? 'stores' : 'may store or train on (unknown terms)';
    return { message: `${name}: ${use.tool.name} ${what} production data`, field };
  },
  'secure-environment': (use, name) =>
    SECURED_ENVIRONMENTS.has(use.tool.environment)
      ? undefined
      : { message: `${name}: ${use.tool.name} ran in a ${use.tool.environment === 'unknown' ? 'unknown' : 'consumer'} environment, not an enterprise-secured one`, field: ['tool', 'environment'] },
  'final-deliverable': (use, name) =>
    use.final === 'no'
      ? undefined
      : { message: `${name} ${use.final === 'yes' ? 'is' : 'may be'} part of the final deliverables`, field: ['final'] },
  'talent-consent': (use, name) => {
    const talent = use.talent;
    if (!talent || talent.consent.status === 'granted') return undefined;
    const who = talent.performers.length > 0 ? ` of ${talent.performers.join(', ')}` : '';
    return {
      message: `${name}: ${talent.kind.replace(/-/g, ' ')}${who} without granted consent (${talent.consent.status})`,
      field: ['talent', 'consent', 'status'],
      // Work not covered by a union still needs consent, but the contractual exposure is lower.
      severity: talent.unionCovered === 'no' ? 'warning' : undefined,
    };
  },
  'sensitive-inputs': (use, name) => {
    const sensitive = use.inputs.filter((input) => SENSITIVE_INPUTS.has(input));
    return sensitive.length === 0
      ? undefined
      : { message: `${name} puts ${sensitive.join(', ')} into the tool: written approval required`, field: ['inputs'] };
  },
  'key-creative-element': (use, name) =>
    use.keyCreative === 'no'
      ? undefined
      : { message: `${name} ${use.keyCreative === 'yes' ? 'is' : 'may be'} a key creative element: written approval required`, field: ['keyCreative'] },
  'misleading-audience': (use, name) => {
    const realism = use.realism;
    if (!realism || realism.audienceDisclosure?.trim()) return undefined;
    if (realism.presentedAsReal === 'yes') {
      return { message: `${name} could be taken for real and the audience is not told`, field: ['realism', 'presentedAsReal'] };
    }
    if (realism.depictsReal !== 'no' && realism.presentedAsReal === 'unknown') {
      return {
        message: `${name} depicts real people or events and may be taken for real; record how the audience is told`,
        field: ['realism'],
        severity: 'warning',
      };
    }
    return undefined;
  },
};

/**
 * Evaluates one use against the guideline rules. Approval settles the rules it can settle (the use
 * stays in the report); suppressions with a reason remove a rule for this use only.
 */
export function evaluateUse(use: Use): UseFinding[] {
  const name = `AI use "${use.id}"`;
  const approval = use.approval?.status ?? 'not-requested';
  const suppressed = new Set(use.suppressions.map((s) => s.rule));
  const findings: UseFinding[] = [];
  const add = (rule: RuleId, message: string, field: JsonPath, severity?: Severity) => {
    if (!suppressed.has(rule)) findings.push({ rule, message, field, severity: severity ?? ruleById(rule).defaultSeverity });
  };

  if (approval === 'denied') {
    const by = use.approval?.by ? ` by ${use.approval.by}` : '';
    add('approval-denied', `${name} was denied written approval${by}; remove it or change it and ask again`, ['approval', 'status']);
  }
  let outsideGuidelines = false;
  for (const [rule, check] of Object.entries(GUIDELINE_CHECKS) as [RuleId, Check][]) {
    const hit = check(use, name);
    if (!hit) continue;
    outsideGuidelines = true;
    const definition = ruleById(rule);
    if (definition.clearedByApproval && (approval === 'approved' || approval === 'denied')) continue;
    const pendingNote = definition.clearedByApproval && approval === 'pending' ? ' (approval pending)' : '';
    add(rule, hit.message + pendingNote, hit.field, hit.severity);
  }
  if (!outsideGuidelines && !use.notified) {
    add('notify-contact', `${name} is within the guidelines: tell the studio contact and record the date`, ['notified']);
  }
  return findings;
}

/** Where a use stands, for summaries: the worst of what is still open decides. */
export function useStatus(use: Use, findings: readonly UseFinding[]): UseStatus {
  const approval = use.approval?.status ?? 'not-requested';
  if (approval === 'denied') return 'denied';
  if (findings.some((f) => f.severity === 'error')) return 'violation';
  const needsApproval = findings.some((f) => ruleById(f.rule).clearedByApproval);
  if (needsApproval) return approval === 'pending' ? 'pending' : 'needs-approval';
  if (approval === 'approved') return 'approved';
  return use.notified ? 'notified' : 'to-notify';
}
