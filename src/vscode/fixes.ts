import { Finding } from '../core/findings';
import { keyFixTitle } from '../core/json/misspelledKeys';
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

type Titled = Omit<Fix, 'args' | 'title'> & { title: (use: string) => string };

const TELL_AUDIENCE: Titled = {
  title: (use) => `Record how the audience is told of "${use}"…`,
  command: COMMANDS.recordAudienceDisclosure,
  preferred: true,
};
const RECORD_CONSENT: Titled = {
  title: (use) => `Record performer consent for "${use}"…`,
  command: COMMANDS.recordConsent,
  preferred: true,
};
const REMOVE_USE: Titled = { title: (use) => `Remove "${use}"…`, command: COMMANDS.removeUse };

/**
 * The remedy specific to each rule, when it has one; approval, suppression and docs apply more
 * widely. Each title names the use, so two uses' fixes on one line are told apart.
 */
const RULE_FIXES: Partial<Record<BuiltInRuleId, Titled>> = {
  'final-deliverable': {
    title: (use) => `Mark "${use}" as temporary (not in the final deliverables)`,
    command: COMMANDS.markTemporary,
    preferred: true,
  },
  'notify-contact': {
    title: (use) => `Mark the studio contact as told of "${use}" today`,
    command: COMMANDS.markNotified,
    preferred: true,
  },
  'talent-consent': RECORD_CONSENT,
  'misleading-audience': TELL_AUDIENCE,
  'apa-audience-transparency': TELL_AUDIENCE,
  'apa-human-simulation': TELL_AUDIENCE,
  'eu-deepfake-disclosure': TELL_AUDIENCE,
  'sag-digital-alteration': RECORD_CONSENT,
  'dga-director-consulted': {
    title: (use) => `Mark the director as consulted on "${use}"`,
    command: COMMANDS.markDirectorConsulted,
    preferred: true,
  },
  'eu-machine-readable-marking': {
    title: (use) => `Mark "${use}" as carrying C2PA or IPTC provenance`,
    command: COMMANDS.markProvenanceMarked,
    preferred: true,
  },
  'approval-denied': REMOVE_USE,
};

/** One remedy, however many findings offer it (a use's approval settles several). */
export function fixKey(fix: Fix): string {
  return `${fix.command} ${JSON.stringify(fix.args)}`;
}

/**
 * The remedies offered for a finding, shared by quick fixes and hover links so they always agree.
 * `rule` is the finding's rule as the production's catalogue defines it (custom packs included).
 */
export function fixesFor(finding: Finding, rule: RuleDefinition | undefined): Fix[] {
  const fixes: Fix[] = [];
  const { sidecar, useId } = finding;
  if (sidecar && useId) {
    const use = finding.useName ?? useId;
    const specific = RULE_FIXES[finding.rule as BuiltInRuleId];
    if (specific) fixes.push({ ...specific, title: specific.title(use), args: [sidecar, useId] });
    if (finding.rule === 'orphaned-tag') {
      fixes.push({
        title: `Re-attach "${use}" to the current selection`,
        command: COMMANDS.reattachUse,
        args: [sidecar, useId],
        preferred: true,
      });
      fixes.push({ title: REMOVE_USE.title(use), command: REMOVE_USE.command, args: [sidecar, useId] });
    }
    if (rule?.clearedByApproval) {
      fixes.push({ title: `Record written approval for "${use}"…`, command: COMMANDS.recordApproval, args: [sidecar, useId] });
    }
    if (finding.rule !== 'invalid-sidecar')
      fixes.push({ title: `Edit "${use}" in a form`, command: COMMANDS.editUse, args: [sidecar, useId] });
    // A use's suppressions settle guideline findings; an integrity finding is about the record itself.
    if (rule?.family !== 'integrity') {
      fixes.push({
        title: `Suppress "${finding.rule}" for "${use}"…`,
        command: COMMANDS.suppressRule,
        args: [sidecar, useId, finding.rule],
      });
    }
  }
  if (finding.suppressed?.meant !== undefined && sidecar && finding.useId !== undefined) {
    const { rule: written, meant } = finding.suppressed;
    fixes.unshift({
      title: `Suppress "${meant}" instead of "${written}"`,
      command: COMMANDS.suppressRule,
      args: [sidecar, finding.useId, meant, { replaces: written }],
      preferred: true,
    });
  }
  // The store writes only sidecars that validate: an invalid one's key is renamed as an edit of
  // its document instead (codeActions.ts).
  if (finding.misspelled && sidecar && finding.rule !== 'invalid-sidecar') {
    const { path, meant, into } = finding.misspelled;
    fixes.unshift({
      title: keyFixTitle(finding.misspelled),
      command: COMMANDS.renameField,
      args: into === undefined ? [sidecar, path, meant] : [sidecar, path, meant, into],
      preferred: true,
    });
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
