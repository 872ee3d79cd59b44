import { DisclosureReport, locationText, ReportUse } from './model';
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
  useLabelsById,
} from './text';
import { TextPieces } from '../text/pieces';
import { mapInSteps, Steps } from '../workspace/scan';
import { STATUS_LABELS, UseStatus } from '../policy/evaluate';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

/**
 * Every recorded string passes through here: nothing from a sidecar can become markup. One pass,
 * and none for text with nothing to escape (most of a report's cells).
 */
export function escapeHtml(text: string | null | undefined): string {
  if (!text) return '';
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (ch) => HTML_ESCAPES[ch]) : text;
}

const STATUS_CLASS: Record<UseStatus, string> = {
  violation: 'bad',
  denied: 'bad',
  'needs-approval': 'warn',
  pending: 'warn',
  approved: 'ok',
  'to-notify': 'info',
  notified: 'ok',
};

// Self-contained: no scripts, fonts or images from anywhere; the CSP says so to any viewer.
const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --bad: #b42318; --warn: #b54708; --ok: #067647; --info: #175cd3; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 8px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; } h3 { font-size: 15px; margin: 20px 0 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; } dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; } th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: manual; }
th { background: #f4f5f8; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; } .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card b { display: block; font-size: 22px; } .card span { color: var(--muted); font-size: 12px; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.bad { color: var(--bad); } .warn { color: var(--warn); } .ok { color: var(--ok); } .info { color: var(--info); }
span.date { white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f4f5f8; padding: 0 4px; border-radius: 4px; }
p.note, .muted { color: var(--muted); } ul.findings { margin: 4px 0 12px; padding-left: 20px; }
@page { margin: 14mm 12mm; }
@media print { body { padding: 0; max-width: none; font-size: 11px; } table { font-size: 10.5px; } th, td { padding: 4px 5px; } thead { display: table-header-group; } .badge { white-space: normal; border: none; padding: 0; } h2, h3 { break-after: avoid; } tr, .card, li { break-inside: avoid; } a { color: inherit; } th { background: none; border-bottom: 1.5px solid var(--ink); } }
`;

/** A table of one row per item, in steps, onto `out`. */
function* table<T>(out: string[], headers: string[], items: readonly T[], cells: (item: T) => string[]): Steps<void> {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  out.push(`<table><thead><tr>${head}</tr></thead><tbody>\n`);
  yield* mapInSteps(
    items,
    (item) =>
      `<tr>${cells(item)
        .map((c) => `<td>${c}</td>`)
        .join('')}</tr>\n`,
    { into: out },
  );
  out.push(items.length === 0 ? '\n</tbody></table>' : '</tbody></table>');
}

/** Each rule's heading, guidance and findings, in steps, onto `out`. */
function* findingGroups(out: string[], groups: DisclosureReport['guidelineFindings']): Steps<void> {
  if (groups.length === 0) out.push('<p class="muted">None.</p>');
  for (const [i, g] of groups.entries()) {
    out.push(`${i > 0 ? '\n' : ''}<h3>${escapeHtml(g.title)} <code>${g.rule}</code> (${g.findings.length})</h3>
<p>${escapeHtml(g.guideline)}</p><p><b>What to do:</b> ${escapeHtml(g.remedy)}</p><p class="note">Source: ${escapeHtml(g.source)}</p>
<ul class="findings">`);
    yield* mapInSteps(
      g.findings,
      (f) =>
        `<li><span class="${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'info'}">${severityText(f.severity)}</span>: ${escapeHtml(f.message)} <span class="muted">(${pathBreaks(escapeHtml(findingPlace(f)))})</span></li>`,
      { into: out },
    );
    out.push('</ul>');
  }
}

/** Lets a long path wrap after its slashes, never inside a word. */
function pathBreaks(escaped: string): string {
  return escaped.replace(/\//g, '/<wbr>');
}

/** Keeps dates (2026-11-21) on one line: a line break at their hyphens reads as two numbers. */
function datesWhole(escaped: string): string {
  return escaped.replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<span class="date">$&</span>');
}

/** The use's title, with its id below it (the id is what the sidecar and other reports key on). */
function useCell(use: ReportUse): string {
  const id = `<code>${escapeHtml(use.id)}</code>`;
  return use.title ? `${escapeHtml(use.title)}<br><span class="muted">${id}</span>` : id;
}

function badge(use: ReportUse): string {
  return `<span class="badge ${STATUS_CLASS[use.status]}">${escapeHtml(use.statusLabel)}</span>`;
}

/** A printable, self-contained HTML page; every user-supplied string is escaped (in steps, see renderReportSteps). */
export function* renderHtml(report: DisclosureReport): Steps<TextPieces> {
  const title = escapeHtml(reportTitle(report));
  const cards = (Object.entries(report.summary.byStatus) as [UseStatus, number][])
    .map(
      ([status, count]) =>
        `<div class="card ${STATUS_CLASS[status]}"><b>${count}</b><span>${escapeHtml(STATUS_LABELS[status])}</span></div>`,
    )
    .join('');
  const kinds = Object.entries(report.summary.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${KIND_LABELS[k as keyof typeof KIND_LABELS]}: ${n}`)
    .join(' · ');
  const out: string[] = [
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<dl class="meta">${reportMeta(report)
      .map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`)
      .join('')}</dl>
<h2>Summary</h2>
<p class="note">${escapeHtml(SUMMARY_NOTE)}</p>
<div class="cards"><div class="card"><b>${report.summary.uses}</b><span>AI uses recorded</span></div>${cards}</div>
<p class="muted">${escapeHtml(kinds)}</p>
`,
  ];
  if (report.changes) {
    out.push(`<h2>${escapeHtml(changesHeading(report.changes))}</h2>\n`);
    const rows = changeRows(report.changes);
    if (rows.length === 0) out.push(`<p class="muted">${NO_CHANGES}</p>\n`);
    else yield* table(out, ['Change', 'Use', 'Status', 'What changed'], rows, (row) => row.map(escapeHtml));
    out.push('\n');
  }
  out.push('<h2>Uses</h2>\n');
  yield* table(out, ['Use', 'Where', 'Tool', 'Purpose', 'Final', 'Talent and consent', 'Approval', 'Status'], report.uses, (u) => [
    useCell(u),
    pathBreaks(escapeHtml(locationText(u))),
    escapeHtml(toolText(u)),
    escapeHtml(u.purpose),
    finalText(u),
    escapeHtml(talentText(u)),
    datesWhole(escapeHtml(approvalText(u))),
    badge(u),
  ]);
  out.push('\n');
  const suppressed = report.uses.flatMap((u) => u.suppressions.map((s) => [useCell(u), `<code>${s.rule}</code>`, escapeHtml(s.reason)]));
  if (suppressed.length > 0) {
    out.push('<h3>Suppressed rules</h3>\n');
    yield* table(out, ['Use', 'Rule', 'Reason'], suppressed, (row) => row);
  }
  out.push('\n<h2>Findings by guideline</h2>\n');
  yield* findingGroups(out, report.guidelineFindings);
  out.push('\n<h2>Record integrity</h2>\n');
  yield* findingGroups(out, report.integrityFindings);
  out.push('\n<h2>GenAI cue sheet</h2>\n');
  const useOf = useLabelsById(report);
  yield* table(
    out,
    ['Use', 'Description', 'Location or timecode', 'Prompt', 'Software', 'Source material', 'Copyright status'],
    report.cueSheet,
    (c) => [
      escapeHtml(useOf(c.useId)),
      escapeHtml(c.description),
      pathBreaks(escapeHtml(c.timecode ? `${c.location} @ ${c.timecode}` : c.location)),
      escapeHtml(c.prompt),
      escapeHtml(c.software),
      escapeHtml(c.sourceMaterial),
      escapeHtml(c.copyrightStatus),
    ],
  );
  out.push('\n</body>\n</html>\n');
  return out;
}
