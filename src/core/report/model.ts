import { posixPath } from '../posixPath';
import { ProjectConfig } from '../config/config';
import { toFindingRow } from '../findings';
import { STATUS_LABELS, UseStatus } from '../policy/evaluate';
import { INTEGRITY_PACK, SEVERITIES } from '../policy/rules';
import { isFinalDraftPath, isFolderSidecar } from '../sidecar/paths';
import { compareText } from '../sorted';
import { encodeUtf8 } from '../text/encoding';
import { Fnv1a } from '../text/fingerprint';
import { changesSince, PreviousReport } from './changes';
import { CheckResult, UseRecord } from '../workspace/check';
import { ITEMS_PER_STEP, mapInSteps, sortInSteps, Steps } from '../workspace/scan';
import type { DisclosureReport, ReportFinding, ReportUse } from './schema';

/**
 * The disclosure report as data: every format renders this one model, and the JSON format is it
 * (its zod declaration, in ./schema, generates `schemas/disclosure-report.schema.json`).
 */
export const REPORT_FORMAT_VERSION = 1;

export const STATUSES = Object.keys(STATUS_LABELS) as [UseStatus, ...UseStatus[]];
export const KINDS = ['script', 'image', 'audio', 'video', 'other'] as const;
export type { DisclosureReport, ReportFinding, ReportUse } from './schema';

/** The packs the production's root checks with, and the always-on integrity rules. */
function packsUsed(result: CheckResult) {
  const enabled = result.config.packsFor(result.root);
  return result.config.catalog.packs.filter((pack) => enabled.has(pack.id) || pack.id === INTEGRITY_PACK.id);
}

export interface ReportOptions {
  /** Injected so two exports of an unchanged production are byte-identical. */
  generatedAt: Date;
  config?: ProjectConfig;
  /** A previous report to list the changes since (`--since`). */
  since?: PreviousReport;
}

/**
 * Builds the report for a checked production (paths relative to the production root), in steps,
 * so an editor can build a large production's report between its other work.
 */
export function* buildReportSteps(result: CheckResult, options: ReportOptions): Steps<DisclosureReport> {
  // Files the walk found lie under the root: their relative path is what follows it (path.relative
  // for each of a large production's covered files was a noticeable part of the report).
  const prefix = result.root.endsWith('/') ? result.root : `${result.root}/`;
  const relative = (file: string) =>
    file.startsWith(prefix) && !file.includes('/..') && !file.includes('/./')
      ? file.slice(prefix.length)
      : posixPath.relative(result.root, file) || '.';
  const cueSheets = new Map<ReportUse, UseRecord['use']['cueSheet']>();
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<UseStatus, number>;
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<(typeof KINDS)[number], number>;
  // A use's covered files (a folder of frames) cost about a fifth of a use each to list. The first
  // use placed in a script reads the script's scenes, which parses and paginates all of it: that
  // use has a step of its own (a script's uses come one after another, from its sidecar).
  let scriptRead: string | undefined;
  const cost = (record: UseRecord) => {
    const script = record.range ? record.subjects[0] : undefined;
    if (script === undefined || script === scriptRead) return 1 + record.subjects.length / 5;
    scriptRead = script;
    return ITEMS_PER_STEP;
  };
  const unsorted = yield* mapInSteps(
    result.uses,
    (record) => {
      const use = toReportUse(record, relative);
      cueSheets.set(use, record.use.cueSheet);
      byStatus[use.status]++;
      byKind[use.kind]++;
      return use;
    },
    { weight: cost },
  );
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
      .map((rule) => ({
        rule: rule.id,
        title: rule.title,
        family,
        guideline: rule.guideline,
        remedy: rule.remedy,
        source: rule.source,
        findings: rowsByRule.get(rule.id) ?? [],
      }))
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
  // The report's name is FNV-1a of `JSON.stringify(uses)`, taken a use at a time: for a large
  // production that text is tens of megabytes, and hashing it at once was the export's longest task.
  const fingerprint = new Fnv1a().update(encodeUtf8('[', false));
  let hashed = 0;
  yield* mapInSteps(uses, (use) => fingerprint.update(encodeUtf8(`${hashed++ > 0 ? ',' : ''}${JSON.stringify(use)}`, false)), {
    weight: (use) => 1 + use.files.length / 5,
  });
  fingerprint.update(encodeUtf8(']', false));
  const production = options.config?.production;
  return {
    reportVersion: REPORT_FORMAT_VERSION,
    generatedAt: options.generatedAt.toISOString(),
    production: {
      name: production?.name ?? null,
      studio: production?.studio ?? null,
      contact: production?.contact ?? null,
      preparer: production?.preparer ?? null,
    },
    fingerprint: fingerprint.digest(),
    packs: packsUsed(result).map(({ id, title, version }) => ({ id, title, version })),
    summary: { uses: uses.length, sidecars: result.sidecarCount, byStatus, byKind, findingsBySeverity },
    uses,
    guidelineFindings: groups('guideline'),
    integrityFindings: groups('integrity'),
    cueSheet,
    changes: options.since ? changesSince(options.since, uses) : null,
  };
}

function toReportUse(record: UseRecord, relative: (file: string) => string): ReportUse {
  const { use } = record;
  const folder = isFolderSidecar(record.sidecar);
  return {
    id: use.id,
    title: use.title ?? null,
    kind: record.kind,
    files: record.subjects.map(relative),
    globs: folder ? (use.files ?? []) : null,
    sidecar: relative(record.sidecar),
    // Lines of a .fdx are lines of XML: such a passage is placed by its scene and page instead.
    lines:
      record.range && !isFinalDraftPath(record.subjects[0] ?? '') ? { start: record.range.start.line, end: record.range.end.line } : null,
    scene: record.scene
      ? {
          heading: record.scene.heading,
          number: record.scene.number ?? null,
          page: record.scene.page ?? null,
          pageEstimated: Boolean(record.scene.page && record.scene.pageEstimated),
        }
      : use.anchor?.scene
        ? { heading: use.anchor.scene.heading, number: use.anchor.scene.number ?? null, page: null, pageEstimated: false }
        : null,
    description: use.description ?? null,
    tool: {
      name: use.tool.name,
      version: use.tool.version ?? null,
      vendor: use.tool.vendor ?? null,
      environment: use.tool.environment,
      retainsInputs: use.tool.retainsInputs,
      trainsOnInputs: use.tool.trainsOnInputs,
    },
    purpose: use.purpose,
    prompt: use.prompt ?? null,
    final: use.final,
    keyCreative: use.keyCreative,
    inputs: [...use.inputs],
    talent: use.talent
      ? {
          kind: use.talent.kind,
          performers: [...use.talent.performers],
          unionCovered: use.talent.unionCovered,
          consent: use.talent.consent.status,
          consentReference: use.talent.consent.reference ?? null,
        }
      : null,
    audienceDisclosure: use.realism?.audienceDisclosure ?? null,
    approval: {
      status: use.approval?.status ?? 'not-requested',
      by: use.approval?.by ?? null,
      date: use.approval?.date ?? null,
      reference: use.approval?.reference ?? null,
    },
    notified: use.notified?.date ?? null,
    suppressions: use.suppressions.map((s) => ({ rule: s.rule, reason: s.reason })),
    status: record.status,
    statusLabel: STATUS_LABELS[record.status],
    openRules: [...new Set(record.findings.map((f) => f.rule))].sort(),
  };
}

/**
 * Where a use is, as studios place script passages, by scene and page first: "Scene 3, EXT.
 * LIFEBOAT STATION - DAY, page 2 (estimated) · script/salt-line.fountain, lines 46-47",
 * "Scene 12A, INT. HALL - DAY, page 31 · script/pilot.fdx", "art/key-art.png".
 */
export function locationText(use: ReportUse): string {
  const where = use.globs ? `${posixPath.dirname(use.sidecar)}/{${use.globs.join(', ')}}` : (use.files[0] ?? use.sidecar);
  const lines = !use.lines
    ? ''
    : use.lines.start === use.lines.end
      ? `, line ${use.lines.start}`
      : `, lines ${use.lines.start}-${use.lines.end}`;
  if (!use.scene) return `${where}${lines}`;
  const page = use.scene.page ? `, page ${use.scene.page}${use.scene.pageEstimated ? ' (estimated)' : ''}` : '';
  return `${use.scene.number ? `Scene ${use.scene.number}, ` : ''}${use.scene.heading}${page} · ${where}${lines}`;
}

function compareUses(a: ReportUse, b: ReportUse): number {
  const key = (u: ReportUse) => u.files[0] ?? u.sidecar;
  return compareText(key(a), key(b)) || (a.lines?.start ?? 0) - (b.lines?.start ?? 0) || compareText(a.id, b.id);
}
