/**
 * Sidecar format version 1: the single source of truth. The JSON Schema contributed to VS Code
 * (`schemas/ai-sidecar.schema.json`) is generated from these definitions by `scripts/build.mjs`.
 *
 * Objects are "loose": fields this version does not know (written by a newer release) are kept on
 * parse and written back unchanged, so an older install never strips a newer one's data.
 *
 * Every schema here (and in the configuration and pack modules) is `z.lazy`: built at its first
 * use, the scan's first read, not when the bundle loads.
 */
import { z } from 'zod';

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
// The built-in ids as examples: editors offer them as completions, while custom ids stay valid.
export const RuleIdText = z.lazy(() =>
  z
    .string()
    .regex(RULE_ID_PATTERN, 'a rule id: lower-case words joined by "-"')
    .meta({ examples: [...RULE_IDS] }),
);

export const SIDECAR_FORMAT_VERSION = 1;

export const ANSWER_VALUES = ['yes', 'no', 'unknown'] as const;
/** A three-way answer. `unknown` is valid and is always treated with caution, never as "fine". */
export const Answer = z.lazy(() => z.enum(ANSWER_VALUES).describe('yes / no / unknown (unknown is treated with caution)'));
export type Answer = z.infer<typeof Answer>;

export const ENVIRONMENTS = ['enterprise', 'consumer', 'local', 'unknown'] as const;
export const Environment = z.lazy(() =>
  z.enum(ENVIRONMENTS).describe('Where the tool ran: an enterprise-secured tenant, a consumer account, locally, or unknown'),
);

export const INPUT_KINDS = ['script', 'unreleased-assets', 'footage', 'talent-likeness', 'personal-data', 'third-party-material'] as const;
export const InputKind = z.lazy(() => z.enum(INPUT_KINDS));

export const TALENT_KINDS = ['digital-replica', 'voice-clone', 'performance-alteration', 'synthetic-performer'] as const;
export const TalentKind = z.lazy(() => z.enum(TALENT_KINDS));

export const APPROVAL_STATUSES = ['not-requested', 'pending', 'approved', 'denied'] as const;
export const ApprovalStatus = z.lazy(() => z.enum(APPROVAL_STATUSES));

export const CONSENT_STATUSES = ['none', 'requested', 'granted'] as const;

/** ISO 8601 date or date-time, as people type them ("2026-03-01" or a full timestamp). */
const IsoDate = z.lazy(() =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO 8601 date such as 2026-03-01'),
);

/** Not blank, and kept exactly as written: a rewrite must not change what a person typed. */
const NonEmpty = z.lazy(() =>
  z
    .string()
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .meta({ pattern: '\\S' }),
);

/** A glob relative to the folder of the file it is written in, that cannot reach outside it. */
export const FolderGlob = z.lazy(() =>
  NonEmpty.refine(
    (glob) => !/^([a-zA-Z]:)?[\\/]/.test(glob.trim()) && !glob.split(/[\\/]/).some((part) => part.trim() === '..'),
    'a glob inside this folder: no ".." and no leading "/"',
  ),
);

/** A 1-based line and column, as editors and the CLI print them. */
export const Position = z.lazy(() =>
  z.looseObject({
    line: z.number().int().min(1),
    column: z.number().int().min(1),
  }),
);

export const Tool = z.lazy(() =>
  z
    .looseObject({
      name: NonEmpty.describe('Product name, e.g. "Firefly" or "Runway Gen-4"'),
      version: z.string().optional(),
      vendor: z.string().optional(),
      environment: Environment,
      retainsInputs: Answer.describe('Does the tool store or reuse what is put into it or what it produces?'),
      trainsOnInputs: Answer.describe('Does the vendor train models on production data?'),
    })
    .describe('The generative tool that was used'),
);

/** Where a tagged passage of a script is: a text-quote anchor plus the last known position. */
export const Anchor = z.lazy(() =>
  z
    .looseObject({
      quote: z.string().min(1).describe('The exact tagged text, with LF line endings'),
      prefix: z.string().describe('Text just before the quote, used to re-find it'),
      suffix: z.string().describe('Text just after the quote, used to re-find it'),
      start: Position.describe('Last known start (1-based)'),
      end: Position.describe('Last known end (1-based, exclusive column)'),
      scene: z
        .looseObject({ heading: z.string(), number: z.string().optional() })
        .optional()
        .describe('Fountain scene heading the passage sits under'),
    })
    .describe('Text-quote anchor of a tagged script passage'),
);

export const Talent = z.lazy(() =>
  z.looseObject({
    kind: TalentKind,
    performers: z.array(z.string()).default([]),
    unionCovered: Answer,
    replicaKind: z
      .enum(['employment-based', 'independently-created', 'background'])
      .optional()
      .describe('SAG-AFTRA: a replica made with the performer during employment, one made without, or of a background actor'),
    alterationWithinScript: Answer.optional().describe(
      'SAG-AFTRA: does an altered performance stay substantially as scripted, performed and recorded?',
    ),
    unionNotified: Answer.optional().describe('SAG-AFTRA: was the union given notice of a synthetic performer?'),
    consent: z.looseObject({
      status: z.enum(CONSENT_STATUSES),
      reference: z.string().optional().describe('Where the signed consent is kept'),
      date: IsoDate.optional(),
    }),
  }),
);

export const Realism = z.lazy(() =>
  z.looseObject({
    depictsReal: Answer.describe('Does it depict real people, places or events?'),
    presentedAsReal: Answer.describe('Could an audience take it for real footage, photos or statements?'),
    audienceDisclosure: z.string().optional().describe('How the audience is told (on-screen label, credit, watermark)'),
  }),
);

export const Approval = z.lazy(() =>
  z.looseObject({
    status: ApprovalStatus,
    by: z.string().optional(),
    date: IsoDate.optional(),
    reference: z.string().optional(),
  }),
);

export const Suppression = z.lazy(() =>
  z.looseObject({
    rule: RuleIdText.describe('The rule suppressed for this use (built-in or from a custom pack)'),
    reason: NonEmpty,
    by: z.string().optional(),
    date: IsoDate.optional(),
  }),
);

export const Use = z.lazy(() =>
  z
    .looseObject({
      id: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids are letters, digits, ".", "_" and "-"')
        .describe('Stable id of this use'),
      title: NonEmpty.optional().describe('A short human name for this use, shown wherever the use is named (the id stays the key)'),
      files: z
        .array(FolderGlob)
        .min(1)
        .optional()
        .describe('Folder sidecars only: minimatch globs, relative to the folder, of the files this use covers'),
      anchor: Anchor.optional(),
      description: z.string().optional(),
      tool: Tool,
      purpose: NonEmpty,
      prompt: z.string().optional(),
      final: Answer.describe('Is the generated material part of the final deliverables?'),
      keyCreative: Answer.describe('Is it a key creative element (main character, key visual, central setting)?'),
      inputs: z.array(InputKind).default([]).describe('Production data put into the tool'),
      references: z
        .looseObject({
          copyrightedWorks: z.array(z.string()).default([]),
          publicFigures: z.array(z.string()).default([]),
        })
        .optional()
        .describe('Copyrighted works or public figures named in prompts'),
      talent: Talent.optional(),
      realism: Realism.optional(),
      approval: Approval.optional(),
      notified: z
        .looseObject({ date: IsoDate, to: z.string().optional() })
        .optional()
        .describe('When the studio contact was told of this use'),
      writers: z
        .looseObject({
          handedToWriters: Answer.describe('Was AI-generated material handed to a writer?'),
          disclosedToWriters: Answer.describe('Were they told it was AI-generated?'),
        })
        .optional()
        .describe('WGA MBA Article 72: AI material handed to writers must be disclosed'),
      directorConsulted: Answer.optional().describe('DGA: was the director consulted on this use of a creative element?'),
      provenanceMarked: Answer.optional().describe('EU AI Act Art. 50(2): is the output marked machine-readably (C2PA, IPTC)?'),
      cueSheet: z
        .looseObject({
          timecode: z.string().optional().describe('Where it appears in the cut, e.g. "01:02:03:04-01:02:09:12"'),
          sourceMaterial: z.string().optional().describe('Underlying source material the output is based on'),
          copyrightStatus: z.string().optional().describe('Copyright or licence status of that source material'),
        })
        .optional()
        .describe('GenAI cue-sheet details (Archival Producers Alliance practice)'),
      suppressions: z.array(Suppression).default([]),
      author: z.string().optional(),
      created: IsoDate,
      updated: IsoDate.optional(),
    })
    .describe('One recorded use of generative AI'),
);

export const Sidecar = z.lazy(() =>
  z
    .looseObject({
      $schema: z.string().optional(),
      version: z.literal(SIDECAR_FORMAT_VERSION),
      subject: z
        .looseObject({
          file: NonEmpty.describe('Name of the tagged file, beside this sidecar'),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .optional()
            .describe('Content hash when tagged (assets)'),
        })
        .optional()
        .describe('The file this sidecar describes; absent in folder sidecars (.ai.json)'),
      uses: z.array(Use),
    })
    .describe('AI Disclosure sidecar: the generative-AI uses recorded for a file or folder'),
);

export type Sidecar = z.infer<typeof Sidecar>;
export type Use = z.infer<typeof Use>;
export type Tool = z.infer<typeof Tool>;
export type Anchor = z.infer<typeof Anchor>;
export type Position = z.infer<typeof Position>;
export type Approval = z.infer<typeof Approval>;

/** How a use is named to people: its title, or its id where it has none. */
export function useName(use: Pick<Use, 'id' | 'title'>): string {
  return use.title ?? use.id;
}

/** JSON Schema (draft-07, which VS Code's JSON service reads best) for editors; generated, never hand-written. */
export function sidecarJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Sidecar, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, title: 'AI Disclosure sidecar (format version 1)' };
}
