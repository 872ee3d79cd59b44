import { DisclosureReport, ReportUse } from './model';

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
    ['Studio contact', report.production.contact],
    ['Prepared by', report.production.preparer],
    ['Date', reportDate(report)],
    ['Guideline packs', report.packs.map((p) => `${p.title}, version ${p.version}`).join('; ')],
  ];
  return lines.filter((line): line is [string, string] => Boolean(line[1]));
}

/** A use as people name it: its title with its id, or the id alone. */
export function useLabel(use: Pick<ReportUse, 'id' | 'title'>): string {
  return use.title ? `${use.title} (${use.id})` : use.id;
}

export function toolText(use: ReportUse): string {
  return `${[use.tool.name, use.tool.version].filter(Boolean).join(' ')} (${use.tool.environment})`;
}

export function finalText(use: ReportUse): string {
  return use.final === 'yes' ? 'final' : use.final === 'no' ? 'temporary' : 'undecided';
}

export function talentText(use: ReportUse): string {
  if (!use.talent) return 'none';
  const who = use.talent.performers.length > 0 ? `: ${use.talent.performers.join(', ')}` : '';
  const union =
    use.talent.unionCovered === 'yes' ? ', union-covered' : use.talent.unionCovered === 'unknown' ? ', union coverage unknown' : '';
  return `${use.talent.kind}${who}${union}; consent ${use.talent.consent}${use.talent.consentReference ? ` (${use.talent.consentReference})` : ''}`;
}

export function approvalText(use: ReportUse): string {
  const { status, by, date, reference } = use.approval;
  return [status, by, date, reference].filter(Boolean).join(', ');
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
