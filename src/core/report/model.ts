import * as path from 'node:path';
import { z } from 'zod';
import { ProjectConfig } from '../config/config';
import { toFindingRow } from '../findings';
import { STATUS_LABELS, UseStatus } from '../policy/evaluate';
import { INTEGRITY_PACK, SEVERITIES } from '../policy/rules';
import { isFolderSidecar } from '../sidecar/paths';
import { ANSWER_VALUES, RuleIdText } from '../sidecar/schema';
import { compareText } from '../sorted';
import { CheckResult, UseRecord } from '../workspace/check';
import { mapInSteps, sortInSteps, Steps } from '../workspace/scan';

/**
 * The disclosure report as data: every format renders this one model, and the JSON format is it.
 * Declared in zod so its JSON Schema is generated (`schemas/disclosure-report.schema.json`).
 */
export const REPORT_FORMAT_VERSION = 1;

const STATUSES = Object.keys(STATUS_LABELS) as [UseStatus, ...UseStatus[]];
const KINDS = ['script', 'image', 'audio', 'video', 'other'] as const;

const ReportFinding = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
  severity: z.enum(SEVERITIES as unknown as [string, ...string[]]),
  rule: RuleIdText,
  message: z.string(),
  useId: z.string().nullable(),
});

const ReportUse = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  /** Files it covers (production-relative), a folder use's globs, the sidecar recording it. */
  files: z.array(z.string()),
  globs: z.array(z.string()).nullable(),
  sidecar: z.string(),
  lines: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  scene: z.object({ heading: z.string(), number: z.string().nullable() }).nullable(),
  description: z.string().nullable(),
  tool: z.object({ name: z.string(), version: z.string().nullable(), vendor: z.string().nullable(), environment: z.string(), retainsInputs: z.enum(ANSWER_VALUES), trainsOnInputs: z.enum(ANSWER_VALUES) }),
  purpose: z.string(),
  prompt: z.string().nullable(),
  final: z.enum(ANSWER_VALUES),
  keyCreative: z.enum(ANSWER_VALUES),
  inputs: z.array(z.string()),
  talent: z.object({ kind: z.string(), performers: z.array(z.string()), unionCovered: z.enum(ANSWER_VALUES), consent: z.string(), consentReference: z.string().nullable() }).nullable(),
  audienceDisclosure: z.string().nullable(),
  approval: z.object({ status: z.string(), by: z.string().nullable(), date: z.string().nullable(), reference: z.string().nullable() }),
  notified: z.string().nullable(),
  suppressions: z.array(z.object({ rule: RuleIdText, reason: z.string() })),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  openRules: z.array(RuleIdText),
});

const RuleGroup = z.object({
  rule: RuleIdText,
  title: z.string(),
  family: z.enum(['guideline', 'integrity']),
  guideline: z.string(),
  remedy: z.string(),
  source: z.string(),
  findings: z.array(ReportFinding),
});

const CueSheetEntry = z.object({
  useId: z.string(),
  description: z.string(),
  location: z.string(),
  timecode: z.string().nullable(),
  prompt: z.string().nullable(),
  software: z.string(),
  sourceMaterial: z.string().nullable(),
  copyrightStatus: z.string().nullable(),
});

export const DisclosureReport = z
  .object({
    reportVersion: z.literal(REPORT_FORMAT_VERSION),
    generatedAt: z.string(),
    production: z.object({ name: z.string().nullable(), contact: z.string().nullable(), preparer: z.string().nullable() }),
    packs: z.array(z.object({ id: z.string(), title: z.string(), version: z.string() })),
    summary: z.object({
      uses: z.number().int(),
      sidecars: z.number().int(),
      byStatus: z.record(z.enum(STATUSES), z.number().int()),
      byKind: z.record(z.enum(KINDS), z.number().int()),
      findingsBySeverity: z.record(z.string(), z.number().int()),
    }),
    uses: z.array(ReportUse),
    guidelineFindings: z.array(RuleGroup),
    integrityFindings: z.array(RuleGroup),
    cueSheet: z.array(CueSheetEntry),
  })
  .describe('AI Disclosure report (format version 1)');

export type DisclosureReport = z.infer<typeof DisclosureReport>;

/** The packs the production's root checks with, and the always-on integrity rules. */
function packsUsed(result: CheckResult) {
  const enabled = result.config.packsFor(result.root);
  return result.config.catalog.packs.filter((pack) => enabled.has(pack.id) || pack.id === INTEGRITY_PACK.id);
}
export type ReportUse = z.infer<typeof ReportUse>;
export type ReportFinding = z.infer<typeof ReportFinding>;

export interface ReportOptions {
  /** Injected so two exports of an unchanged production are byte-identical. */
  generatedAt: Date;
  config?: ProjectConfig;
}

/**
 * Builds the report for a checked production (paths relative to the production root), in steps,
 * so an editor can build a large production's report between its other work.
 */
export function* buildReportSteps(result: CheckResult, options: ReportOptions): Steps<DisclosureReport> {
  // Files the walk found lie under the root: their relative path is what follows it (path.relative
  // for each of a production's 100,000 covered files took a tenth of a second).
  const prefix = result.root.endsWith('/') ? result.root : `${result.root}/`;
  const relative = (file: string) => (file.startsWith(prefix) && !file.includes('/..') && !file.includes('/./') ? file.slice(prefix.length) : path.posix.relative(result.root, file) || '.');
  const cueSheets = new Map<ReportUse, UseRecord['use']['cueSheet']>();
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<UseStatus, number>;
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<(typeof KINDS)[number], number>;
  // A use's covered files (a folder of frames) cost about a fifth of a use each to list.
  const unsorted = yield* mapInSteps(result.uses, (record) => {
    const use = toReportUse(record, relative);
    cueSheets.set(use, record.use.cueSheet);
    byStatus[use.status]++;
    byKind[use.kind]++;
    return use;
  }, { weight: (record) => 1 + record.subjects.length / 5 });
  const uses = yield* sortInSteps(unsorted, compareUses);
  // Each rule's findings, in report order (the check's), as rows.
  const rowsByRule = new Map<string, ReportFinding[]>();
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  yield* mapInSteps(result.findings, (finding) => {
    const row = toFindingRow(finding, relative);
    const rows = rowsByRule.get(row.rule);
    if (rows) rows.push(row);
    else rowsByRule.set(row.rule, [row]);
    findingsBySeverity[row.severity]++;
  });
  const groups = (family: 'guideline' | 'integrity') =>
    result.config.catalog.rules
      .filter((rule) => rule.family === family)
      .map((rule) => ({ rule: rule.id, title: rule.title, family, guideline: rule.guideline, remedy: rule.remedy, source: rule.source, findings: rowsByRule.get(rule.id) ?? [] }))
      .filter((group) => group.findings.length > 0);
  const cueSheet = yield* mapInSteps(uses, (u) => {
    const cue = cueSheets.get(u);
    return {
      useId: u.id,
      description: u.description ?? u.purpose,
      location: locationText(u),
      timecode: cue?.timecode ?? null,
      prompt: u.prompt,
      software: [u.tool.name, u.tool.version].filter(Boolean).join(' '),
      sourceMaterial: cue?.sourceMaterial ?? null,
      copyrightStatus: cue?.copyrightStatus ?? null,
    };
  });
  const production = options.config?.production;
  return {
    reportVersion: REPORT_FORMAT_VERSION,
    generatedAt: options.generatedAt.toISOString(),
    production: { name: production?.name ?? null, contact: production?.contact ?? null, preparer: production?.preparer ?? null },
    packs: packsUsed(result).map(({ id, title, version }) => ({ id, title, version })),
    summary: { uses: uses.length, sidecars: result.sidecarCount, byStatus, byKind, findingsBySeverity },
    uses,
    guidelineFindings: groups('guideline'),
    integrityFindings: groups('integrity'),
    cueSheet,
  };
}

function toReportUse(record: UseRecord, relative: (file: string) => string): ReportUse {
  const { use } = record;
  const folder = isFolderSidecar(record.sidecar);
  return {
    id: use.id,
    kind: record.kind,
    files: record.subjects.map(relative),
    globs: folder ? use.files ?? [] : null,
    sidecar: relative(record.sidecar),
    lines: record.range ? { start: record.range.start.line, end: record.range.end.line } : null,
    scene: use.anchor?.scene ? { heading: use.anchor.scene.heading, number: use.anchor.scene.number ?? null } : null,
    description: use.description ?? null,
    tool: { name: use.tool.name, version: use.tool.version ?? null, vendor: use.tool.vendor ?? null, environment: use.tool.environment, retainsInputs: use.tool.retainsInputs, trainsOnInputs: use.tool.trainsOnInputs },
    purpose: use.purpose,
    prompt: use.prompt ?? null,
    final: use.final,
    keyCreative: use.keyCreative,
    inputs: [...use.inputs],
    talent: use.talent ? { kind: use.talent.kind, performers: [...use.talent.performers], unionCovered: use.talent.unionCovered, consent: use.talent.consent.status, consentReference: use.talent.consent.reference ?? null } : null,
    audienceDisclosure: use.realism?.audienceDisclosure ?? null,
    approval: { status: use.approval?.status ?? 'not-requested', by: use.approval?.by ?? null, date: use.approval?.date ?? null, reference: use.approval?.reference ?? null },
    notified: use.notified?.date ?? null,
    suppressions: use.suppressions.map((s) => ({ rule: s.rule, reason: s.reason })),
    status: record.status,
    statusLabel: STATUS_LABELS[record.status],
    openRules: [...new Set(record.findings.map((f) => f.rule))].sort(),
  };
}

/** "script/salt-line.fountain, lines 46-47 (#3 EXT. LIFEBOAT STATION - DAY)" */
export function locationText(use: ReportUse): string {
  const where = use.globs ? `${path.posix.dirname(use.sidecar)}/{${use.globs.join(', ')}}` : use.files[0] ?? use.sidecar;
  const lines = use.lines ? `, lines ${use.lines.start}-${use.lines.end}` : '';
  const scene = use.scene ? ` (${use.scene.number ? `#${use.scene.number} ` : ''}${use.scene.heading})` : '';
  return `${where}${lines}${scene}`;
}

function compareUses(a: ReportUse, b: ReportUse): number {
  const key = (u: ReportUse) => u.files[0] ?? u.sidecar;
  return compareText(key(a), key(b)) || (a.lines?.start ?? 0) - (b.lines?.start ?? 0) || compareText(a.id, b.id);
}
