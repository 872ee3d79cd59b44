import { RuleId } from '../sidecar/schema';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** What a rule is about: a studio guideline, or the integrity of the record itself. */
export type RuleFamily = 'guideline' | 'integrity';

/** Everything a person needs to understand a finding, held as data (hovers, docs, reports). */
export interface RuleDefinition {
  id: RuleId;
  title: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** True when recorded written approval settles it (the use stays in the report). */
  clearedByApproval: boolean;
  /** What the guideline or agreement says, in our words. */
  guideline: string;
  /** What the use has to do. */
  remedy: string;
  /** Which guideline or agreement the rule comes from. */
  source: string;
}

const STUDIO = 'Studio partner guidance on generative AI in content production (2025)';

/** The guideline packs the rules come from, named with their versions in every report. */
export const GUIDELINE_PACKS = [
  { id: 'studio', title: STUDIO, version: '2025.08' },
  { id: 'integrity', title: 'AI Disclosure record integrity', version: '1' },
] as const;

/** The rule catalogue. Order is the order rules appear in reports and docs. */
export const RULES: readonly RuleDefinition[] = [
  {
    id: 'copyrighted-material',
    title: 'Copyrighted or third-party material',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline:
      'Outputs must not replicate or substantially recreate unowned or copyrighted material. Prompts that reference copyrighted works or public figures, and third-party material put into a tool, always need written approval.',
    remedy: 'Remove the reference from the prompt, or get written approval from the studio contact and record it.',
    source: `${STUDIO}, principle 1 and "Creative output"`,
  },
  {
    id: 'data-retention',
    title: 'Tool may store or train on production data',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline: 'The tool must not store, reuse or train on production data, inputs or outputs. Unknown data terms count as a "no".',
    remedy: 'Use a tool whose terms exclude retention and training (record "no" for both), or get written approval.',
    source: `${STUDIO}, principle 2`,
  },
  {
    id: 'secure-environment',
    title: 'Not run in a secured environment',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline: 'Where possible, tools run in an enterprise-secured environment that safeguards inputs. Consumer accounts and unknown environments do not.',
    remedy: 'Run the tool in the production\'s enterprise tenant or locally, or get written approval for this use.',
    source: `${STUDIO}, principle 3`,
  },
  {
    id: 'final-deliverable',
    title: 'Generated material in the final deliverables',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline: 'Generated material is temporary (previs, temp score, placeholders) and not part of the final deliverables unless approved.',
    remedy: 'Mark the use as temporary and replace it before delivery, or get written approval to keep it.',
    source: `${STUDIO}, principle 4 and "Final output vs temporary media"`,
  },
  {
    id: 'talent-consent',
    title: 'Talent performance without consent',
    family: 'guideline',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline:
      'Generative AI must not replace or generate talent performances or union-covered work without consent. Digital replicas, voice clones, significant performance changes and synthetic performers need the performer\'s informed consent for this specific use.',
    remedy: 'Obtain the performer\'s informed consent for this use and record it (status "granted" with where the signed consent is kept).',
    source: `${STUDIO}, principle 5 and "Talent & performance"; SAG-AFTRA TV/Theatrical 2023`,
  },
  {
    id: 'sensitive-inputs',
    title: 'Production data put into the tool',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline:
      'Putting proprietary material (scripts, unreleased footage or assets), personal data or a talent\'s likeness into a tool always needs written approval.',
    remedy: 'Remove the production data from the inputs, or get written approval and record it.',
    source: `${STUDIO}, "Data use"`,
  },
  {
    id: 'key-creative-element',
    title: 'Key creative element',
    family: 'guideline',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline: 'Generating key creative elements (main characters, key visuals, central settings) always needs written approval. Unknown counts as key.',
    remedy: 'Record "no" if it is a background or incidental element, or get written approval.',
    source: `${STUDIO}, "Creative output"`,
  },
  {
    id: 'misleading-audience',
    title: 'Could be taken for real without telling the audience',
    family: 'guideline',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline:
      'Material that could be mistaken for real events, people or statements needs written approval, and a documentary must never present AI-made material as real without telling the audience (on-screen label, credit or watermark).',
    remedy: 'Record how the audience is told (audienceDisclosure), or change the material so it cannot be taken for real.',
    source: `${STUDIO}, "Ethics & representation"; Archival Producers Alliance best practices (2024)`,
  },
  {
    id: 'approval-denied',
    title: 'Written approval was denied',
    family: 'guideline',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline: 'A use the studio has declined must not go ahead.',
    remedy: 'Remove the generated material and this use, or change the use and ask again.',
    source: STUDIO,
  },
  {
    id: 'notify-contact',
    title: 'Tell the studio contact',
    family: 'guideline',
    defaultSeverity: 'information',
    clearedByApproval: false,
    guideline: 'A use that is within every guideline only needs to be reported to the studio contact.',
    remedy: 'Tell the studio contact about this use and record the date.',
    source: `${STUDIO}, escalation`,
  },
  {
    id: 'invalid-sidecar',
    title: 'Sidecar does not validate',
    family: 'integrity',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline: 'Every sidecar must be valid format-version-1 JSON, or the uses it records cannot be checked or reported.',
    remedy: 'Fix the JSON at the position shown. AI Disclosure never overwrites a sidecar that does not validate.',
    source: 'AI Disclosure sidecar format v1',
  },
  {
    id: 'orphaned-tag',
    title: 'Tagged passage not found',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A tag on a script passage must point at words that are still in the script.',
    remedy: 'Re-attach the tag to the passage where it now is, or remove the use if the passage was cut.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'stale-asset',
    title: 'Asset changed since it was tagged',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A tagged asset whose content changed after tagging needs its record reviewed.',
    remedy: 'Review the use against the new file and re-confirm the tag, which records the new hash.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'missing-subject',
    title: 'Tagged file is missing',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A sidecar must sit beside the file it describes.',
    remedy: 'Move the sidecar along with a renamed file, or delete it if the file was removed.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'undeclared-ai-asset',
    title: 'AI-generated asset with no recorded use',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'Every asset whose embedded provenance says it was made with generative AI must have a recorded use.',
    remedy: 'Tag the asset, with the tool named in its metadata.',
    source: 'IPTC Digital Source Type; C2PA',
  },
];

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: RuleId): RuleDefinition {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`unknown rule id "${id}"`);
  return rule;
}

/** Path of a rule's documentation page, relative to the package root. */
export function ruleDocsPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}
