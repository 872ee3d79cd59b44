import { DisclosureReport, ReportUse } from './model';
import { TextPieces } from '../text/pieces';
import { mapInSteps, Steps } from '../workspace/scan';

const COLUMNS = [
  'id',
  'title',
  'status',
  'kind',
  'files',
  'lines',
  'scene',
  'tool',
  'tool_version',
  'vendor',
  'environment',
  'retains_inputs',
  'trains_on_inputs',
  'purpose',
  'final',
  'key_creative',
  'inputs',
  'talent',
  'performers',
  'union_covered',
  'consent',
  'audience_disclosure',
  'approval_status',
  'approval_by',
  'approval_date',
  'approval_reference',
  'notified',
  'open_rules',
  'suppressed_rules',
  'sidecar',
] as const;
/** With a previous report (`--since`): what happened to each use since, and a row for each use removed. */
const CHANGE_COLUMN = 'change_since_last_report';

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A leading = + - @ (or tab, CR)
 * would make a spreadsheet evaluate recorded text as a formula, so such a field starts with '.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per use, UTF-8 with a byte order mark and CRLF rows, as spreadsheets expect (in steps, see renderReportSteps). */
export function* renderCsv(report: DisclosureReport): Steps<TextPieces> {
  const { changes } = report;
  if (!changes)
    return yield* mapInSteps(report.uses, (u) => `${csvRow(u)}\r\n`, { into: [`\uFEFF${COLUMNS.map(csvField).join(',')}\r\n`] });
  const key = (u: { sidecar: string; id: string }) => `${u.sidecar}#${u.id}`;
  const added = new Set(changes.added.map(key));
  const changed = new Map(
    changes.changed.map((u) => [
      key(u),
      `changed: ${u.fields.join(' ')}${u.statusBefore === u.status ? '' : ` (status was ${u.statusBefore})`}`,
    ]),
  );
  const pieces = yield* mapInSteps(
    report.uses,
    (u) => `${csvRow(u)},${csvField(added.has(key(u)) ? 'added' : (changed.get(key(u)) ?? ''))}\r\n`,
    { into: [`\uFEFF${[...COLUMNS, CHANGE_COLUMN].map(csvField).join(',')}\r\n`] },
  );
  // A removed use has only its id, title, status then and sidecar.
  for (const u of changes.removed) {
    const row = COLUMNS.map((column) =>
      column === 'id' ? u.id : column === 'title' ? u.title : column === 'status' ? u.status : column === 'sidecar' ? u.sidecar : null,
    );
    pieces.push(`${[...row, 'removed'].map(csvField).join(',')}\r\n`);
  }
  return pieces;
}

function csvRow(u: ReportUse): string {
  return [
    u.id,
    u.title,
    u.status,
    u.kind,
    u.globs ? u.globs.join(' ') : u.files.join(' '),
    u.lines ? `${u.lines.start}-${u.lines.end}` : null,
    u.scene ? `${u.scene.number ? `#${u.scene.number} ` : ''}${u.scene.heading}` : null,
    u.tool.name,
    u.tool.version,
    u.tool.vendor,
    u.tool.environment,
    u.tool.retainsInputs,
    u.tool.trainsOnInputs,
    u.purpose,
    u.final,
    u.keyCreative,
    u.inputs.join(' '),
    u.talent?.kind ?? null,
    u.talent?.performers.join('; ') ?? null,
    u.talent?.unionCovered ?? null,
    u.talent?.consent ?? null,
    u.audienceDisclosure,
    u.approval.status,
    u.approval.by,
    u.approval.date,
    u.approval.reference,
    u.notified,
    u.openRules.join(' '),
    u.suppressions.map((s) => `${s.rule}: ${s.reason}`).join('; '),
    u.sidecar,
  ]
    .map(csvField)
    .join(',');
}
