import { DisclosureReport, ReportFinding, ReportUse } from './model';
import { APPROVAL_LABELS, CONSENT_LABELS, ENVIRONMENT_SHORT_LABELS, FINAL_LABELS, TALENT_KIND_LABELS } from '../sidecar/labels';
import type { Severity } from '../policy/severity';
import { isSidecarPath } from '../sidecar/paths';
import { STATUS_LABELS } from '../policy/evaluate';

/** Wording shared by the human-readable formats, so Markdown and HTML never disagree. */
export function reportTitle(report: DisclosureReport): string {
  return report.production.name ? `Generative AI disclosure: ${report.production.name}` : 'Generative AI disclosure report';
}

export function reportDate(report: DisclosureReport): string {
  return report.generatedAt.slice(0, 10);
}

/** The header lines every human-readable format opens with; empty ones are left out. */
export function reportMeta(report: DisclosureReport): [label: string, value: string][] {
  const lines: [string, string | null][] = [
    ['Production', report.production.name],
    ['Studio', report.production.studio],
    ['Studio contact', report.production.contact],
    ['Prepared by', report.production.preparer],
    ['Date', reportDate(report)],
    ['Version', `${report.fingerprint} (the same recorded uses always give the same version)`],
    ['Guideline packs', report.packs.map((p) => `${p.title}, version ${p.version}`).join('; ')],
  ];
  return lines.filter((line): line is [string, string] => Boolean(line[1]));
}

/** A use as people name it: its title with its id, or the id alone. */
export function useLabel(use: Pick<ReportUse, 'id' | 'title'>): string {
  return use.title ? `${use.title} (${use.id})` : use.id;
}

/** A label for a recorded value; a value this release has no label for is shown as it is. */
function labelOf(labels: Record<string, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value] : value;
}

export function toolText(use: ReportUse): string {
  return `${[use.tool.name, use.tool.version].filter(Boolean).join(' ')} (${labelOf(ENVIRONMENT_SHORT_LABELS, use.tool.environment)})`;
}

export function finalText(use: ReportUse): string {
  return FINAL_LABELS[use.final];
}

export function talentText(use: ReportUse): string {
  if (!use.talent) return 'None';
  const who = use.talent.performers.length > 0 ? `: ${use.talent.performers.join(', ')}` : '';
  const union =
    use.talent.unionCovered === 'yes' ? ', union-covered' : use.talent.unionCovered === 'unknown' ? ', union coverage not known' : '';
  const consent = labelOf(CONSENT_LABELS, use.talent.consent).toLowerCase();
  const reference = use.talent.consentReference ? ` (${use.talent.consentReference})` : '';
  return `${labelOf(TALENT_KIND_LABELS, use.talent.kind)}${who}${union}; consent ${consent}${reference}`;
}

export function approvalText(use: ReportUse): string {
  const { status, by, date, reference } = use.approval;
  return [labelOf(APPROVAL_LABELS, status), by && `by ${by}`, date, reference].filter(Boolean).join(', ');
}

const SEVERITY_LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Note', hint: 'Hint' };

export function severityText(severity: string): string {
  return labelOf(SEVERITY_LABELS, severity);
}

/** Where a finding is, in words: a script's line, or the sidecar that records an asset's use. */
export function findingPlace(finding: ReportFinding): string {
  return isSidecarPath(finding.file) ? `recorded in ${finding.file}` : `${finding.file}, line ${finding.line}`;
}

/** The use a cue-sheet entry is about, named as the uses table names it. */
export function useLabelsById(report: DisclosureReport): (useId: string) => string {
  const labels = new Map(report.uses.map((use) => [use.id, useLabel(use)]));
  return (useId) => labels.get(useId) ?? useId;
}

export const KIND_LABELS: Record<keyof DisclosureReport['summary']['byKind'], string> = {
  script: 'Script',
  image: 'Image',
  audio: 'Audio',
  video: 'Video',
  other: 'Other',
};

export const SUMMARY_NOTE =
  'Uses within every guideline are reported to the studio contact; uses outside any guideline need written approval before they proceed. Approved uses stay listed here.';

/** The fields of a use as people call them, in the order the uses table shows them. */
const CHANGE_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'name',
  kind: 'kind',
  files: 'files',
  globs: 'files',
  lines: 'lines',
  scene: 'scene',
  description: 'notes',
  tool: 'tool',
  purpose: 'purpose',
  prompt: 'prompt',
  final: 'final or temporary',
  keyCreative: 'key creative element',
  inputs: 'material put in',
  talent: 'performers and consent',
  audienceDisclosure: 'audience disclosure',
  approval: 'approval',
  notified: 'contact notified',
  suppressions: 'suppressed rules',
  openRules: 'findings',
};

/** A status in words; one a later release added is shown as recorded. */
function statusText(status: string): string {
  return labelOf(STATUS_LABELS, status);
}

/** A changed use's fields in words, each once. */
function changedFieldsText(fields: readonly string[]): string {
  return [...new Set(fields.map((field) => labelOf(CHANGE_FIELD_LABELS, field)))].join(', ');
}

/** The heading of the changes section: since which report. */
export function changesHeading(changes: NonNullable<DisclosureReport['changes']>): string {
  const version = changes.since.fingerprint ? ` (version ${changes.since.fingerprint})` : '';
  return `Changes since the report of ${changes.since.generatedAt.slice(0, 10)}${version}`;
}

/** The changes as rows: what happened, the use, its status (before → now for a change), what changed. */
export function changeRows(
  changes: NonNullable<DisclosureReport['changes']>,
): [change: string, use: string, status: string, what: string][] {
  return [
    ...changes.added.map((u) => ['Added', useLabel(u), statusText(u.status), ''] as [string, string, string, string]),
    ...changes.changed.map(
      (u) =>
        [
          'Changed',
          useLabel(u),
          u.statusBefore === u.status ? statusText(u.status) : `${statusText(u.statusBefore)} → ${statusText(u.status)}`,
          changedFieldsText(u.fields),
        ] as [string, string, string, string],
    ),
    ...changes.removed.map((u) => ['Removed', useLabel(u), `was ${statusText(u.status)}`, ''] as [string, string, string, string]),
  ];
}

export const NO_CHANGES = 'No use was added, removed or changed.';
