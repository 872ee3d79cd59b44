import { Finding } from '../core/findings';
import { ruleById } from '../core/policy/rules';
import { COMMANDS } from './constants';

/** A remedy a person can apply to a finding: a command with its arguments. */
export interface Fix {
  title: string;
  command: string;
  args: unknown[];
  /** The one a quick-fix keybinding applies first. */
  preferred?: boolean;
}

/** The remedies offered for a finding, shared by quick fixes and hover links so they always agree. */
export function fixesFor(finding: Finding): Fix[] {
  const fixes: Fix[] = [];
  const { sidecar, useId } = finding;
  if (sidecar && useId) {
    const target = [sidecar, useId];
    switch (finding.rule) {
      case 'final-deliverable':
        fixes.push({ title: 'Mark as temporary (not in the final deliverables)', command: COMMANDS.markTemporary, args: target, preferred: true });
        break;
      case 'notify-contact':
        fixes.push({ title: 'Mark the studio contact as notified today', command: COMMANDS.markNotified, args: target, preferred: true });
        break;
      case 'talent-consent':
        fixes.push({ title: 'Record performer consent…', command: COMMANDS.recordConsent, args: target, preferred: true });
        break;
      case 'misleading-audience':
        fixes.push({ title: 'Record how the audience is told…', command: COMMANDS.recordAudienceDisclosure, args: target, preferred: true });
        break;
      case 'approval-denied':
      case 'orphaned-tag':
        fixes.push({ title: 'Remove this AI use…', command: COMMANDS.removeUse, args: target });
        break;
    }
    if (ruleById(finding.rule).clearedByApproval) {
      fixes.push({ title: 'Record written approval…', command: COMMANDS.recordApproval, args: target });
    }
    if (finding.rule !== 'invalid-sidecar') {
      fixes.push({ title: `Suppress "${finding.rule}" for this use…`, command: COMMANDS.suppressRule, args: [sidecar, useId, finding.rule] });
    }
  }
  if (finding.rule === 'stale-asset' && finding.sidecar) {
    fixes.push({ title: 'Re-confirm the tag for the changed file', command: COMMANDS.reconfirmAsset, args: [finding.sidecar], preferred: true });
  }
  fixes.push({ title: `Open the "${finding.rule}" rule documentation`, command: COMMANDS.openRuleDocs, args: [finding.rule] });
  return fixes;
}
