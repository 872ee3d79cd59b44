import { Finding } from '../core/findings';
import { RuleDefinition } from '../core/policy/rules';
import { BuiltInRuleId } from '../core/sidecar/schema';
import { isFolderSidecar } from '../core/sidecar/paths';
import { COMMANDS } from './constants';

/** A remedy a person can apply to a finding: a command with its arguments. */
export interface Fix {
  title: string;
  command: string;
  args: unknown[];
  /** The one a quick-fix keybinding applies first. */
  preferred?: boolean;
}

/** The remedy specific to each rule, when it has one; approval, suppression and docs apply more widely. */
const RULE_FIXES: Partial<Record<BuiltInRuleId, Omit<Fix, 'args'>>> = {
  'final-deliverable': { title: 'Mark as temporary (not in the final deliverables)', command: COMMANDS.markTemporary, preferred: true },
  'notify-contact': { title: 'Mark the studio contact as notified today', command: COMMANDS.markNotified, preferred: true },
  'talent-consent': { title: 'Record performer consent…', command: COMMANDS.recordConsent, preferred: true },
  'misleading-audience': { title: 'Record how the audience is told…', command: COMMANDS.recordAudienceDisclosure, preferred: true },
  'apa-audience-transparency': { title: 'Record how the audience is told…', command: COMMANDS.recordAudienceDisclosure, preferred: true },
  'apa-human-simulation': { title: 'Record how the audience is told…', command: COMMANDS.recordAudienceDisclosure, preferred: true },
  'eu-deepfake-disclosure': { title: 'Record how the audience is told…', command: COMMANDS.recordAudienceDisclosure, preferred: true },
  'sag-digital-alteration': { title: 'Record performer consent…', command: COMMANDS.recordConsent, preferred: true },
  'dga-director-consulted': { title: 'Mark the director as consulted', command: COMMANDS.markDirectorConsulted, preferred: true },
  'eu-machine-readable-marking': {
    title: 'Mark the output as carrying C2PA or IPTC provenance',
    command: COMMANDS.markProvenanceMarked,
    preferred: true,
  },
  'approval-denied': { title: 'Remove this AI use…', command: COMMANDS.removeUse },
};

/**
 * The remedies offered for a finding, shared by quick fixes and hover links so they always agree.
 * `rule` is the finding's rule as the production's catalogue defines it (custom packs included).
 */
export function fixesFor(finding: Finding, rule: RuleDefinition | undefined): Fix[] {
  const fixes: Fix[] = [];
  const { sidecar, useId } = finding;
  if (sidecar && useId) {
    const specific = RULE_FIXES[finding.rule as BuiltInRuleId];
    if (specific) fixes.push({ ...specific, args: [sidecar, useId] });
    if (finding.rule === 'orphaned-tag') {
      fixes.push({
        title: 'Re-attach the tag to the current selection',
        command: COMMANDS.reattachUse,
        args: [sidecar, useId],
        preferred: true,
      });
      fixes.push({ title: 'Remove this AI use…', command: COMMANDS.removeUse, args: [sidecar, useId] });
    }
    if (rule?.clearedByApproval) {
      fixes.push({ title: 'Record written approval…', command: COMMANDS.recordApproval, args: [sidecar, useId] });
    }
    if (finding.rule !== 'invalid-sidecar') {
      fixes.push({
        title: `Suppress "${finding.rule}" for this use…`,
        command: COMMANDS.suppressRule,
        args: [sidecar, useId, finding.rule],
      });
    }
  }
  if (finding.rule === 'undeclared-ai-asset') {
    fixes.push({ title: 'Tag from its embedded metadata…', command: COMMANDS.tagFromMetadata, args: [finding.file], preferred: true });
  }
  if (finding.rule === 'missing-subject' && finding.sidecar && !isFolderSidecar(finding.sidecar)) {
    fixes.push({ title: 'Re-link the tags to a file…', command: COMMANDS.relinkSidecar, args: [finding.sidecar], preferred: true });
    fixes.push({ title: 'Delete this sidecar…', command: COMMANDS.deleteSidecar, args: [finding.sidecar] });
  }
  if (finding.rule === 'stale-asset' && finding.sidecar) {
    fixes.push({
      title: 'Re-confirm the tag for the changed file',
      command: COMMANDS.reconfirmAsset,
      args: [finding.sidecar],
      preferred: true,
    });
  }
  fixes.push({
    title: `Open the "${finding.rule}" rule documentation`,
    command: COMMANDS.openRuleDocs,
    args: [finding.rule, finding.file],
  });
  return fixes;
}
