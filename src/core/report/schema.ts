import * as z from '../json/zod';
import { described } from '../json/zod';
import { SEVERITIES } from '../policy/rules';
import { ANSWER_VALUES, RuleIdText } from '../sidecar/schema';
import { KINDS, REPORT_FORMAT_VERSION, STATUSES } from './model';

/**
 * The disclosure report's JSON format in zod, for its generated JSON Schema and for tests that
 * validate reports. Apart from the model, whose code needs only its types: the editor never uses
 * these schemas, and building them cost every start.
 */
export const ReportFinding = z.object({
  file: z.string(),
  line: z.number().check(z.int()),
  column: z.number().check(z.int()),
  endLine: z.number().check(z.int()),
  endColumn: z.number().check(z.int()),
  severity: z.enum(SEVERITIES as unknown as [string, ...string[]]),
  rule: RuleIdText,
  message: z.string(),
  useId: z.nullable(z.string()),
});

export const ReportUse = z.object({
  id: z.string(),
  /** The use's human name, when it has one; the id names it otherwise. */
  title: z.nullable(z.string()),
  kind: z.enum(KINDS),
  /** Files it covers (production-relative), a folder use's globs, the sidecar recording it. */
  files: z.array(z.string()),
  globs: z.nullable(z.array(z.string())),
  sidecar: z.string(),
  lines: z.nullable(z.object({ start: z.number().check(z.int()), end: z.number().check(z.int()) })),
  /** Where the passage is now for a Final Draft script (with its page), else the scene recorded when it was tagged. */
  scene: z.nullable(
    z.object({
      heading: z.string(),
      number: z.nullable(z.string()),
      page: z.nullable(z.string()),
      /** Whether the page is estimated from standard pagination (Fountain) rather than laid out by the script's program. */
      pageEstimated: z.boolean(),
    }),
  ),
  description: z.nullable(z.string()),
  tool: z.object({
    name: z.string(),
    version: z.nullable(z.string()),
    vendor: z.nullable(z.string()),
    environment: z.string(),
    retainsInputs: z.enum(ANSWER_VALUES),
    trainsOnInputs: z.enum(ANSWER_VALUES),
  }),
  purpose: z.string(),
  prompt: z.nullable(z.string()),
  final: z.enum(ANSWER_VALUES),
  keyCreative: z.enum(ANSWER_VALUES),
  inputs: z.array(z.string()),
  talent: z.nullable(
    z.object({
      kind: z.string(),
      performers: z.array(z.string()),
      unionCovered: z.enum(ANSWER_VALUES),
      consent: z.string(),
      consentReference: z.nullable(z.string()),
    }),
  ),
  audienceDisclosure: z.nullable(z.string()),
  approval: z.object({ status: z.string(), by: z.nullable(z.string()), date: z.nullable(z.string()), reference: z.nullable(z.string()) }),
  notified: z.nullable(z.string()),
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
  timecode: z.nullable(z.string()),
  prompt: z.nullable(z.string()),
  software: z.string(),
  sourceMaterial: z.nullable(z.string()),
  copyrightStatus: z.nullable(z.string()),
});

/** A use named in the changes since a previous report. */
export const ChangedUse = z.object({
  id: z.string(),
  title: z.nullable(z.string()),
  sidecar: z.string(),
  /** Its status now; for a removed use, its status in the previous report. */
  status: z.string(),
});

/** What changed since a previous report (`report --since`): uses added, removed, and changed, field by field. */
export const ReportChanges = z.object({
  since: z.object({ generatedAt: z.string(), fingerprint: z.nullable(z.string()) }),
  added: z.array(ChangedUse),
  removed: z.array(ChangedUse),
  changed: z.array(
    z.extend(ChangedUse, {
      /** The fields of the use (as in `uses`) that differ, in the order `uses` lists them. */
      fields: z.array(z.string()),
      statusBefore: z.string(),
    }),
  ),
});

export const DisclosureReport = described(
  z.object({
    reportVersion: z.literal(REPORT_FORMAT_VERSION),
    generatedAt: z.string(),
    production: z.object({
      name: z.nullable(z.string()),
      studio: z.nullable(z.string()),
      contact: z.nullable(z.string()),
      preparer: z.nullable(z.string()),
    }),
    /** Names the recorded uses as reported (eight hex digits): the same uses give the same fingerprint, any change another. */
    fingerprint: z.string(),
    packs: z.array(z.object({ id: z.string(), title: z.string(), version: z.string() })),
    summary: z.object({
      uses: z.number().check(z.int()),
      sidecars: z.number().check(z.int()),
      byStatus: z.record(z.enum(STATUSES), z.number().check(z.int())),
      byKind: z.record(z.enum(KINDS), z.number().check(z.int())),
      findingsBySeverity: z.record(z.string(), z.number().check(z.int())),
    }),
    uses: z.array(ReportUse),
    guidelineFindings: z.array(RuleGroup),
    integrityFindings: z.array(RuleGroup),
    cueSheet: z.array(CueSheetEntry),
    /** Set when the report was made against a previous one (`--since`), else null. */
    changes: z.nullable(ReportChanges),
  }),
  'AI Disclosure report (format version 1)',
);

export type DisclosureReport = z.infer<typeof DisclosureReport>;
export type ReportUse = z.infer<typeof ReportUse>;
export type ReportFinding = z.infer<typeof ReportFinding>;
export type ReportChanges = z.infer<typeof ReportChanges>;
