/**
 * Sidecar format version 1: the single source of truth. The JSON Schema contributed to VS Code
 * (`schemas/ai-sidecar.schema.json`) and the validator sidecars are checked with
 * (`sidecarValidator.generated.ts`) are generated from these definitions by `npm run generate`.
 *
 * Objects are "loose": fields this version does not know (written by a newer release) are kept on
 * parse and written back unchanged, so an older install never strips a newer one's data.
 *
 * Every schema here (and in the configuration and pack modules) is built at its first use, the
 * scan's first read, not when the bundle loads.
 */
import * as z from '../json/zod';
import { described, withMeta } from '../json/zod';

/** The built-in rule ids, fixed for good: users write them in suppressions and settings. */
export const RULE_IDS = [
  'copyrighted-material',
  'data-retention',
  'secure-environment',
  'final-deliverable',
  'talent-consent',
  'sensitive-inputs',
  'key-creative-element',
  'misleading-audience',
  'approval-denied',
  'notify-contact',
  'invalid-sidecar',
  'orphaned-tag',
  'stale-asset',
  'missing-subject',
  'undeclared-ai-asset',
  'file-too-large',
  'unreadable-file',
  'misspelled-field',
  'unknown-rule',
  // Packs a production switches on in .aidisclosure.json ("packs").
  'apa-cue-sheet',
  'apa-human-simulation',
  'apa-audience-transparency',
  'sag-replica-kind',
  'sag-digital-alteration',
  'sag-synthetic-performer',
  'wga-writer-disclosure',
  'dga-director-consulted',
  'eu-deepfake-disclosure',
  'eu-machine-readable-marking',
] as const;
export type BuiltInRuleId = (typeof RULE_IDS)[number];
/** A rule id: a built-in one, or one a production's own policy pack defines. */
export type RuleId = string;

/** How every rule id is spelled, built-in or custom: lower-case words joined by "-". */
export const RULE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const SIDECAR_FORMAT_VERSION = 1;

export const ANSWER_VALUES = ['yes', 'no', 'unknown'] as const;
export const ENVIRONMENTS = ['enterprise', 'consumer', 'local', 'unknown'] as const;
export const INPUT_KINDS = ['script', 'unreleased-assets', 'footage', 'talent-likeness', 'personal-data', 'third-party-material'] as const;
export const TALENT_KINDS = ['digital-replica', 'voice-clone', 'performance-alteration', 'synthetic-performer'] as const;
export const APPROVAL_STATUSES = ['not-requested', 'pending', 'approved', 'denied'] as const;
export const CONSENT_STATUSES = ['none', 'requested', 'granted'] as const;

// The schemas' refinements are named exports, which the generated validator imports.

/** Text with something other than white space in it. */
export function isNotBlank(value: string): boolean {
  return value.trim().length > 0;
}

/** A glob that cannot reach outside the folder it is written in: no ".." part and no leading "/" (or drive). */
export function staysInsideFolder(glob: string): boolean {
  return !/^([a-zA-Z]:)?[\\/]/.test(glob.trim()) && !glob.split(/[\\/]/).some((part) => part.trim() === '..');
}

/** Every sidecar schema, built together the first time any is used (loading the bundle builds none). */
let built: ReturnType<typeof buildSidecarSchemas> | undefined;
const sidecarSchemas = () => (built ??= buildSidecarSchemas());

function buildSidecarSchemas() {
  // The built-in ids as examples: editors offer them as completions, while custom ids stay valid.
  const RuleIdText = withMeta(z.string().check(z.regex(RULE_ID_PATTERN, 'a rule id: lower-case words joined by "-"')), {
    examples: [...RULE_IDS],
  });

  /** A three-way answer. `unknown` is valid and is always treated with caution, never as "fine". */
  const Answer = described(z.enum(ANSWER_VALUES), 'yes / no / unknown (unknown is treated with caution)');
  const Environment = described(
    z.enum(ENVIRONMENTS),
    'Where the tool ran: an enterprise-secured tenant, a consumer account, locally, or unknown',
  );
  const InputKind = z.enum(INPUT_KINDS);
  const TalentKind = z.enum(TALENT_KINDS);
  const ApprovalStatus = z.enum(APPROVAL_STATUSES);

  /** ISO 8601 date or date-time, as people type them ("2026-03-01" or a full timestamp). */
  const IsoDate = z
    .string()
    .check(
      z.regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date written year-month-day, such as 2026-03-01'),
    );

  /** Not blank, and kept exactly as written: a rewrite must not change what a person typed. */
  const NonEmpty = withMeta(z.string().check(z.refine(isNotBlank, 'must not be empty')), { pattern: '\\S' });

  /** A glob relative to the folder of the file it is written in, that cannot reach outside it. */
  const FolderGlob = NonEmpty.check(z.refine(staysInsideFolder, 'a glob inside this folder: no ".." and no leading "/"'));

  /** A whole number from 1 up, as lines and columns are counted. */
  const Counted = () => z.number().check(z.int(), z.gte(1));

  /** A 1-based line and column, as editors and the CLI print them. */
  const Position = z.looseObject({
    line: Counted(),
    column: Counted(),
  });

  /** An optional text field. */
  const optionalText = () => z.optional(z.string());

  const Tool = described(
    z.looseObject({
      name: described(NonEmpty, 'Product name, e.g. "Firefly" or "Runway Gen-4"'),
      version: optionalText(),
      vendor: optionalText(),
      environment: Environment,
      retainsInputs: described(Answer, 'Does the tool store or reuse what is put into it or what it produces?'),
      trainsOnInputs: described(Answer, 'Does the vendor train models on production data?'),
    }),
    'The generative tool that was used',
  );

  /** Where a tagged passage of a script is: a text-quote anchor plus the last known position. */
  const Anchor = described(
    z.looseObject({
      quote: described(z.string().check(z.minLength(1)), 'The exact tagged text, with LF line endings'),
      prefix: described(z.string(), 'Text just before the quote, used to re-find it'),
      suffix: described(z.string(), 'Text just after the quote, used to re-find it'),
      start: described(Position, 'Last known start (1-based)'),
      end: described(Position, 'Last known end (1-based, exclusive column)'),
      scene: described(
        z.optional(z.looseObject({ heading: z.string(), number: optionalText() })),
        'Fountain scene heading the passage sits under',
      ),
    }),
    'Text-quote anchor of a tagged script passage',
  );

  const Talent = z.looseObject({
    kind: TalentKind,
    performers: z._default(z.array(z.string()), []),
    unionCovered: Answer,
    replicaKind: described(
      z.optional(z.enum(['employment-based', 'independently-created', 'background'])),
      'SAG-AFTRA: a replica made with the performer during employment, one made without, or of a background actor',
    ),
    alterationWithinScript: described(
      z.optional(Answer),
      'SAG-AFTRA: does an altered performance stay substantially as scripted, performed and recorded?',
    ),
    unionNotified: described(z.optional(Answer), 'SAG-AFTRA: was the union given notice of a synthetic performer?'),
    consent: z.looseObject({
      status: z.enum(CONSENT_STATUSES),
      reference: described(optionalText(), 'Where the signed consent is kept'),
      date: z.optional(IsoDate),
    }),
  });

  const Realism = z.looseObject({
    depictsReal: described(Answer, 'Does it depict real people, places or events?'),
    presentedAsReal: described(Answer, 'Could an audience take it for real footage, photos or statements?'),
    audienceDisclosure: described(optionalText(), 'How the audience is told (on-screen label, credit, watermark)'),
  });

  const Approval = z.looseObject({
    status: ApprovalStatus,
    by: optionalText(),
    date: z.optional(IsoDate),
    reference: optionalText(),
  });

  const Suppression = z.looseObject({
    rule: described(RuleIdText, 'The rule suppressed for this use (built-in or from a custom pack)'),
    reason: NonEmpty,
    by: optionalText(),
    date: z.optional(IsoDate),
  });

  const Use = described(
    z.looseObject({
      id: described(
        z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids are letters, digits, ".", "_" and "-"')),
        'Stable id of this use',
      ),
      title: described(z.optional(NonEmpty), 'A short human name for this use, shown wherever the use is named (the id stays the key)'),
      files: described(
        z.optional(z.array(FolderGlob).check(z.minLength(1))),
        'Folder sidecars only: minimatch globs, relative to the folder, of the files this use covers',
      ),
      anchor: z.optional(Anchor),
      description: optionalText(),
      tool: Tool,
      purpose: NonEmpty,
      prompt: optionalText(),
      final: described(Answer, 'Is the generated material part of the final deliverables?'),
      keyCreative: described(Answer, 'Is it a key creative element (main character, key visual, central setting)?'),
      inputs: described(z._default(z.array(InputKind), []), 'Production data put into the tool'),
      references: described(
        z.optional(
          z.looseObject({
            copyrightedWorks: z._default(z.array(z.string()), []),
            publicFigures: z._default(z.array(z.string()), []),
          }),
        ),
        'Copyrighted works or public figures named in prompts',
      ),
      talent: z.optional(Talent),
      realism: z.optional(Realism),
      approval: z.optional(Approval),
      notified: described(z.optional(z.looseObject({ date: IsoDate, to: optionalText() })), 'When the studio contact was told of this use'),
      writers: described(
        z.optional(
          z.looseObject({
            handedToWriters: described(Answer, 'Was AI-generated material handed to a writer?'),
            disclosedToWriters: described(Answer, 'Were they told it was AI-generated?'),
          }),
        ),
        'WGA MBA Article 72: AI material handed to writers must be disclosed',
      ),
      directorConsulted: described(z.optional(Answer), 'DGA: was the director consulted on this use of a creative element?'),
      provenanceMarked: described(z.optional(Answer), 'EU AI Act Art. 50(2): is the output marked machine-readably (C2PA, IPTC)?'),
      cueSheet: described(
        z.optional(
          z.looseObject({
            timecode: described(optionalText(), 'Where it appears in the cut, e.g. "01:02:03:04-01:02:09:12"'),
            sourceMaterial: described(optionalText(), 'Underlying source material the output is based on'),
            copyrightStatus: described(optionalText(), 'Copyright or licence status of that source material'),
          }),
        ),
        'GenAI cue-sheet details (Archival Producers Alliance practice)',
      ),
      suppressions: z._default(z.array(Suppression), []),
      author: optionalText(),
      created: IsoDate,
      updated: z.optional(IsoDate),
    }),
    'One recorded use of generative AI',
  );

  const Sidecar = described(
    z.looseObject({
      $schema: z.optional(z.string()),
      version: z.literal(SIDECAR_FORMAT_VERSION),
      subject: described(
        z.optional(
          z.looseObject({
            file: described(NonEmpty, 'Name of the tagged file, beside this sidecar'),
            sha256: described(z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))), 'Content hash when tagged (assets)'),
          }),
        ),
        'The file this sidecar describes; absent in folder sidecars (.ai.json)',
      ),
      uses: z.array(Use),
    }),
    'AI Disclosure sidecar: the generative-AI uses recorded for a file or folder',
  );

  return { RuleIdText, FolderGlob, Position, Tool, Anchor, Approval, Use, Sidecar };
}

type SidecarSchemas = ReturnType<typeof buildSidecarSchemas>;

// The schemas other modules build on or parse with, each built with all the others at its first use.
export const RuleIdText = z.lazy(() => sidecarSchemas().RuleIdText);
export const FolderGlob = z.lazy(() => sidecarSchemas().FolderGlob);
export const Use = z.lazy(() => sidecarSchemas().Use);
export const Sidecar = z.lazy(() => sidecarSchemas().Sidecar);

export type Sidecar = z.infer<typeof Sidecar>;
export type Use = z.infer<typeof Use>;
export type Tool = z.infer<SidecarSchemas['Tool']>;
export type Anchor = z.infer<SidecarSchemas['Anchor']>;
export type Position = z.infer<SidecarSchemas['Position']>;
export type Approval = z.infer<SidecarSchemas['Approval']>;
export type Answer = (typeof ANSWER_VALUES)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** How a use is named to people: its title, or its id where it has none. */
export function useName(use: Pick<Use, 'id' | 'title'>): string {
  return use.title ?? use.id;
}

/** JSON Schema (draft-07, which VS Code's JSON service reads best) for editors; generated, never hand-written. */
export function sidecarJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Sidecar, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, title: 'AI Disclosure sidecar (format version 1)' };
}
