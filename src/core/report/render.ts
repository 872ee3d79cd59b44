import { Finding } from '../findings';
import { STATUS_LABELS, UseStatus } from '../policy/evaluate';
import { ruleById, RULES } from '../policy/rules';
import { CheckResult, UseRecord } from '../workspace/check';

export const REPORT_FORMATS = ['md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Injected so two exports of an unchanged production are byte-identical. */
  generatedAt: Date;
  /** How a file is named in the report (relative to the production root). */
  displayPath(file: string): string;
}

const STATUS_ORDER = Object.keys(STATUS_LABELS) as UseStatus[];

export function renderReport(result: CheckResult, format: ReportFormat, options: ReportOptions): string {
  return format === 'json' ? renderJson(result, options) : renderMarkdown(result, options);
}

function sortedUses(result: CheckResult, options: ReportOptions): UseRecord[] {
  const where = (u: UseRecord) => options.displayPath(u.subjects[0] ?? u.sidecar);
  return [...result.uses].sort((a, b) => where(a).localeCompare(where(b)) || (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) || a.use.id.localeCompare(b.use.id));
}

function location(use: UseRecord, options: ReportOptions): string {
  const file = use.use.files ? `${options.displayPath(use.sidecar.replace(/\/\.ai\.json$/, '')) || '.'}/{${use.use.files.join(', ')}}` : options.displayPath(use.subjects[0] ?? use.sidecar);
  const scene = use.use.anchor?.scene ? ` (${use.use.anchor.scene.number ? `#${use.use.anchor.scene.number} ` : ''}${use.use.anchor.scene.heading})` : '';
  const lines = use.range ? `, lines ${use.range.start.line}-${use.range.end.line}` : '';
  return `${file}${lines}${scene}`;
}

function renderJson(result: CheckResult, options: ReportOptions): string {
  const counts = Object.fromEntries(STATUS_ORDER.map((status) => [status, result.uses.filter((u) => u.status === status).length]));
  const findingJson = (f: Finding) => ({ file: options.displayPath(f.file), line: f.start.line, column: f.start.column, severity: f.severity, rule: f.rule, message: f.message, useId: f.useId ?? null });
  const report = {
    reportVersion: 1,
    generatedAt: options.generatedAt.toISOString(),
    summary: { uses: result.uses.length, sidecars: result.sidecarCount, byStatus: counts },
    uses: sortedUses(result, options).map((u) => ({
      id: u.use.id,
      where: location(u, options),
      kind: u.kind,
      status: u.status,
      use: u.use,
      findings: u.findings.map(findingJson),
    })),
    findings: result.findings.map(findingJson),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

/** Markdown table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function renderMarkdown(result: CheckResult, options: ReportOptions): string {
  const out: string[] = [];
  out.push('# Generative AI disclosure report', '');
  out.push(`Generated ${options.generatedAt.toISOString().slice(0, 10)} from ${result.sidecarCount} sidecars; ${result.uses.length} recorded AI uses.`, '');
  out.push('## Summary', '', '| Status | Uses |', '| --- | ---: |');
  for (const status of STATUS_ORDER) out.push(`| ${STATUS_LABELS[status]} | ${result.uses.filter((u) => u.status === status).length} |`);
  out.push('', '## Uses', '', '| Id | Where | Tool | Purpose | Final | Talent and consent | Approval | Status |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const u of sortedUses(result, options)) {
    const tool = [u.use.tool.name, u.use.tool.version].filter(Boolean).join(' ') + ` (${u.use.tool.environment})`;
    const talent = u.use.talent ? `${u.use.talent.kind}${u.use.talent.performers.length ? `: ${u.use.talent.performers.join(', ')}` : ''}; consent ${u.use.talent.consent.status}` : 'none';
    const approval = u.use.approval ? [u.use.approval.status, u.use.approval.by, u.use.approval.reference].filter(Boolean).join(', ') : 'not requested';
    const final = u.use.final === 'yes' ? 'final' : u.use.final === 'no' ? 'temporary' : 'unknown';
    out.push(`| ${cell(u.use.id)} | ${cell(location(u, options))} | ${cell(tool)} | ${cell(u.use.purpose)} | ${final} | ${cell(talent)} | ${cell(approval)} | ${STATUS_LABELS[u.status]} |`);
  }
  out.push('', '## Findings by rule', '');
  let any = false;
  for (const rule of RULES) {
    const hits = result.findings.filter((f) => f.rule === rule.id);
    if (hits.length === 0) continue;
    any = true;
    out.push(`### ${rule.title} (\`${rule.id}\`, ${hits.length})`, '', `${rule.guideline} *What to do:* ${ruleById(rule.id).remedy}`, '');
    for (const f of hits) out.push(`- ${f.severity}: ${cell(f.message)} (${options.displayPath(f.file)}:${f.start.line}:${f.start.column})`);
    out.push('');
  }
  if (!any) out.push('No findings.', '');
  return out.join('\n');
}
