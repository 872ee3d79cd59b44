import { STATUS_LABELS } from '../policy/evaluate';
import { DisclosureReport, locationText } from './model';
import {
  approvalText,
  changeRows,
  changesHeading,
  NO_CHANGES,
  finalText,
  findingPlace,
  KIND_LABELS,
  reportMeta,
  reportTitle,
  severityText,
  SUMMARY_NOTE,
  talentText,
  toolText,
  useLabel,
  useLabelsById,
} from './text';
import { TextPieces } from '../text/pieces';
import { ACTING_CHARACTERS, visibleControls } from '../text/visible';
import { mapInSteps, Steps } from '../workspace/scan';

/** Anything `cell` changes; most cells hold none of it and are used as they are. */
const MARKDOWN_SPECIAL = new RegExp(`[\\\\|&<>\`*_[\\]]|${ACTING_CHARACTERS.source}`);

/**
 * Table cells hold no pipes or line breaks; angle brackets are escaped so no HTML renders; control
 * and bidi characters are written out, so a cell read in a terminal or an editor shows what it holds.
 */
function cell(text: string | null | undefined): string {
  if (!text) return '';
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  return visibleControls(text.replace(/\r?\n|\r/g, ' '))
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`*_[\]])/g, '\\$1');
}

/** Markdown lines as pieces, each with its line break; blank lines never two in a row. */
class MarkdownLines {
  readonly pieces: string[] = [];
  private blank = false;

  add(...lines: string[]): void {
    for (const line of lines) {
      if (line === '' && this.blank) continue;
      this.blank = line === '';
      this.pieces.push(`${line}\n`);
    }
  }

  /** A line per item (never blank: table rows and list items), in steps. */
  *addEach<T>(items: readonly T[], line: (item: T) => string): Steps<void> {
    if (items.length === 0) return;
    yield* mapInSteps(items, (item) => `${line(item)}\n`, { into: this.pieces });
    this.blank = false;
  }
}

/** The Markdown report, in steps (see renderReportSteps). */
export function* renderMarkdown(report: DisclosureReport): Steps<TextPieces> {
  const out = new MarkdownLines();
  out.add(`# ${cell(reportTitle(report))}`, '');
  for (const [label, value] of reportMeta(report)) out.add(`- **${label}:** ${cell(value)}`);
  out.add('', '## Summary', '', SUMMARY_NOTE, '', '| Status | Uses |', '| --- | ---: |');
  for (const [status, count] of Object.entries(report.summary.byStatus))
    out.add(`| ${STATUS_LABELS[status as keyof typeof STATUS_LABELS]} | ${count} |`);
  out.add(`| **All uses** | **${report.summary.uses}** |`, '', '| Kind | Uses |', '| --- | ---: |');
  for (const [kind, count] of Object.entries(report.summary.byKind))
    if (count > 0) out.add(`| ${KIND_LABELS[kind as keyof typeof KIND_LABELS]} | ${count} |`);

  if (report.changes) {
    out.add('', `## ${cell(changesHeading(report.changes))}`, '');
    const rows = changeRows(report.changes);
    if (rows.length === 0) out.add(NO_CHANGES);
    else
      out.add(
        '| Change | Use | Status | What changed |',
        '| --- | --- | --- | --- |',
        ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      );
  }
  out.add(
    '',
    '## Uses',
    '',
    '| Use | Where | Tool | Purpose | Final | Talent and consent | Approval | Status |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  yield* out.addEach(
    report.uses,
    (u) =>
      `| ${cell(useLabel(u))} | ${cell(locationText(u))} | ${cell(toolText(u))} | ${cell(u.purpose)} | ${finalText(u)} | ${cell(talentText(u))} | ${cell(approvalText(u))} | ${cell(u.statusLabel)} |`,
  );
  const suppressed = report.uses.flatMap((u) => u.suppressions.map((s) => ({ id: useLabel(u), ...s })));
  if (suppressed.length > 0) {
    out.add('', '### Suppressed rules', '', '| Use | Rule | Reason |', '| --- | --- | --- |');
    for (const s of suppressed) out.add(`| ${cell(s.id)} | \`${s.rule}\` | ${cell(s.reason)} |`);
  }

  for (const [heading, groups] of [
    ['Findings by guideline', report.guidelineFindings],
    ['Record integrity', report.integrityFindings],
  ] as const) {
    out.add('', `## ${heading}`, '');
    if (groups.length === 0) out.add('None.');
    for (const group of groups) {
      out.add(
        `### ${cell(group.title)} (\`${group.rule}\`, ${group.findings.length})`,
        '',
        `${cell(group.guideline)}`,
        '',
        `**What to do:** ${cell(group.remedy)}`,
        '',
        `*Source: ${cell(group.source)}*`,
        '',
      );
      yield* out.addEach(group.findings, (f) => `- ${severityText(f.severity)}: ${cell(f.message)} (${cell(findingPlace(f))})`);
      out.add('');
    }
  }

  out.add(
    '',
    '## GenAI cue sheet',
    '',
    '| Use | Description | Location or timecode | Prompt | Software | Source material | Copyright status |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  const useOf = useLabelsById(report);
  yield* out.addEach(
    report.cueSheet,
    (c) =>
      `| ${cell(useOf(c.useId))} | ${cell(c.description)} | ${cell(c.timecode ? `${c.location} @ ${c.timecode}` : c.location)} | ${cell(c.prompt)} | ${cell(c.software)} | ${cell(c.sourceMaterial)} | ${cell(c.copyrightStatus)} |`,
  );
  return out.pieces;
}
