import { z } from 'zod';
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
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
  severity: z.enum(SEVERITIES as unknown as [string, ...string[]]),
  rule: RuleIdText,
  message: z.string(),
  useId: z.string().nullable(),
});

export const ReportUse = z.object({
  id: z.string(),
  /** The use's human name, when it has one; the id names it otherwise. */
  title: z.string().nullable(),
  kind: z.enum(KINDS),
  /** Files it covers (production-relative), a folder use's globs, the sidecar recording it. */
  files: z.array(z.string()),
  globs: z.array(z.string()).nullable(),
  sidecar: z.string(),
  lines: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  /** Where the passage is now for a Final Draft script (with its page), else the scene recorded when it was tagged. */
  scene: z
    .object({
      heading: z.string(),
      number: z.string().nullable(),
      page: z.string().nullable(),
      /** Whether the page is estimated from standard pagination (Fountain) rather than laid out by the script's program. */
      pageEstimated: z.boolean(),
    })
    .nullable(),
  description: z.string().nullable(),
  tool: z.object({
    name: z.string(),
    version: z.string().nullable(),
    vendor: z.string().nullable(),
    environment: z.string(),
    retainsInputs: z.enum(ANSWER_VALUES),
    trainsOnInputs: z.enum(ANSWER_VALUES),
  }),
  purpose: z.string(),
  prompt: z.string().nullable(),
  final: z.enum(ANSWER_VALUES),
  keyCreative: z.enum(ANSWER_VALUES),
  inputs: z.array(z.string()),
  talent: z
    .object({
      kind: z.string(),
      performers: z.array(z.string()),
      unionCovered: z.enum(ANSWER_VALUES),
      consent: z.string(),
      consentReference: z.string().nullable(),
    })
    .nullable(),
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

/** A use named in the changes since a previous report. */
export const ChangedUse = z.object({
  id: z.string(),
  title: z.string().nullable(),
  sidecar: z.string(),
  /** Its status now; for a removed use, its status in the previous report. */
  status: z.string(),
});

/** What changed since a previous report (`report --since`): uses added, removed, and changed, field by field. */
export const ReportChanges = z.object({
  since: z.object({ generatedAt: z.string(), fingerprint: z.string().nullable() }),
  added: z.array(ChangedUse),
  removed: z.array(ChangedUse),
  changed: z.array(
    ChangedUse.extend({
      /** The fields of the use (as in `uses`) that differ, in the order `uses` lists them. */
      fields: z.array(z.string()),
      statusBefore: z.string(),
    }),
  ),
});

export const DisclosureReport = z
  .object({
    reportVersion: z.literal(REPORT_FORMAT_VERSION),
    generatedAt: z.string(),
    production: z.object({
      name: z.string().nullable(),
      studio: z.string().nullable(),
      contact: z.string().nullable(),
      preparer: z.string().nullable(),
    }),
    /** Names the recorded uses as reported (eight hex digits): the same uses give the same fingerprint, any change another. */
    fingerprint: z.string(),
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
    /** Set when the report was made against a previous one (`--since`), else null. */
    changes: ReportChanges.nullable(),
  })
  .describe('AI Disclosure report (format version 1)');

export type DisclosureReport = z.infer<typeof DisclosureReport>;
export type ReportUse = z.infer<typeof ReportUse>;
export type ReportFinding = z.infer<typeof ReportFinding>;
export type ReportChanges = z.infer<typeof ReportChanges>;
