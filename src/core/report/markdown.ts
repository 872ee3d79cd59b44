import { STATUS_LABELS } from '../policy/evaluate';
import { DisclosureReport, locationText } from './model';
import { approvalText, finalText, KIND_LABELS, reportMeta, reportTitle, SUMMARY_NOTE, talentText, toolText } from './text';
import { mapInSteps, Steps } from '../workspace/scan';

/** Anything `cell` changes; most cells hold none of it and are used as they are. */
const MARKDOWN_SPECIAL = /[\\|\r\n&<>`*_[\]]/;

/** Table cells hold no pipes or line breaks; angle brackets are escaped so no HTML renders. */
function cell(text: string | null | undefined): string {
  if (!text) return '';
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([`*_[\]])/g, '\\$1');
}

/** The Markdown report, in steps (see renderReportSteps). */
export function* renderMarkdown(report: DisclosureReport): Steps<string> {
  const out: string[] = [`# ${cell(reportTitle(report))}`, ''];
  for (const [label, value] of reportMeta(report)) out.push(`- **${label}:** ${cell(value)}`);
  out.push('', '## Summary', '', SUMMARY_NOTE, '', '| Status | Uses |', '| --- | ---: |');
  for (const [status, count] of Object.entries(report.summary.byStatus)) out.push(`| ${STATUS_LABELS[status as keyof typeof STATUS_LABELS]} | ${count} |`);
  out.push(`| **All uses** | **${report.summary.uses}** |`, '', '| Kind | Uses |', '| --- | ---: |');
  for (const [kind, count] of Object.entries(report.summary.byKind)) if (count > 0) out.push(`| ${KIND_LABELS[kind as keyof typeof KIND_LABELS]} | ${count} |`);

  out.push('', '## Uses', '', '| Id | Where | Tool | Purpose | Final | Talent and consent | Approval | Status |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  const useRows = yield* mapInSteps(report.uses, (u) => `| ${cell(u.id)} | ${cell(locationText(u))} | ${cell(toolText(u))} | ${cell(u.purpose)} | ${finalText(u)} | ${cell(talentText(u))} | ${cell(approvalText(u))} | ${cell(u.statusLabel)} |`);
  for (const row of useRows) out.push(row);
  const suppressed = report.uses.flatMap((u) => u.suppressions.map((s) => ({ id: u.id, ...s })));
  if (suppressed.length > 0) {
    out.push('', '### Suppressed rules', '', '| Use | Rule | Reason |', '| --- | --- | --- |');
    for (const s of suppressed) out.push(`| ${cell(s.id)} | \`${s.rule}\` | ${cell(s.reason)} |`);
  }

  for (const [heading, groups] of [['Findings by guideline', report.guidelineFindings], ['Record integrity', report.integrityFindings]] as const) {
    out.push('', `## ${heading}`, '');
    if (groups.length === 0) out.push('None.');
    for (const group of groups) {
      out.push(`### ${cell(group.title)} (\`${group.rule}\`, ${group.findings.length})`, '', `${cell(group.guideline)}`, '', `**What to do:** ${cell(group.remedy)}`, '', `*Source: ${cell(group.source)}*`, '');
      const items = yield* mapInSteps(group.findings, (f) => `- ${f.severity}: ${cell(f.message)} (${cell(f.file)}:${f.line}:${f.column})`);
      for (const item of items) out.push(item);
      out.push('');
    }
  }

  out.push('', '## GenAI cue sheet', '', '| Use | Description | Location or timecode | Prompt | Software | Source material | Copyright status |', '| --- | --- | --- | --- | --- | --- | --- |');
  const cueRows = yield* mapInSteps(report.cueSheet, (c) => `| ${cell(c.useId)} | ${cell(c.description)} | ${cell(c.timecode ? `${c.location} @ ${c.timecode}` : c.location)} | ${cell(c.prompt)} | ${cell(c.software)} | ${cell(c.sourceMaterial)} | ${cell(c.copyrightStatus)} |`);
  for (const row of cueRows) out.push(row);
  yield;
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
