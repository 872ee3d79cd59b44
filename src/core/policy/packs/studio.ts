import { builtInPack } from '../pack';

export const STUDIO_SOURCE = 'Studio partner guidance on generative AI in content production (2025)';

/**
 * The default pack: the five guiding principles and the written-approval categories of the 2025
 * partner guidance (each rule's `source` names the principle or category). Unknown answers fire: caution is the default.
 */
export const STUDIO_PACK = builtInPack({
  id: 'studio',
  title: STUDIO_SOURCE,
  version: '2025.08',
  rules: [
    {
      id: 'copyrighted-material',
      title: 'Copyrighted or third-party material',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline:
        'Outputs must not replicate or substantially recreate unowned or copyrighted material. Prompts that reference copyrighted works or public figures, and third-party material put into a tool, always need written approval.',
      remedy: 'Remove the reference from the prompt, or get written approval from the studio contact and record it.',
      source: `${STUDIO_SOURCE}, principle 1 and "Creative output"`,
      cases: [
        {
          when: { field: 'references.copyrightedWorks', nonEmpty: true },
          field: 'references',
          message: 'AI use "{name}" references {references.copyrightedWorks|quoted} in its prompt: written approval required',
        },
        {
          when: { field: 'references.publicFigures', nonEmpty: true },
          field: 'references',
          message: 'AI use "{name}" names {references.publicFigures|quoted} in its prompt: written approval required',
        },
        {
          when: { field: 'inputs', includesAny: ['third-party-material'] },
          field: 'inputs',
          message: 'AI use "{name}" puts third-party material into the tool: written approval required',
        },
      ],
    },
    {
      id: 'data-retention',
      title: 'Tool may store or train on production data',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline: 'The tool must not store, reuse or train on production data, inputs or outputs. Unknown data terms count as a "no".',
      remedy: 'Use a tool whose terms exclude retention and training (record "no" for both), or get written approval.',
      source: `${STUDIO_SOURCE}, principle 2`,
      cases: [
        {
          when: { field: 'tool.trainsOnInputs', in: ['yes'] },
          field: 'tool.trainsOnInputs',
          message: 'AI use "{name}": {tool.name} trains on production data',
        },
        {
          when: { field: 'tool.retainsInputs', in: ['yes'] },
          field: 'tool.retainsInputs',
          message: 'AI use "{name}": {tool.name} stores production data',
        },
        {
          when: { field: 'tool.trainsOnInputs', notIn: ['no'] },
          field: 'tool.trainsOnInputs',
          message: 'AI use "{name}": {tool.name} may store or train on (unknown terms) production data',
        },
        {
          when: { field: 'tool.retainsInputs', notIn: ['no'] },
          field: 'tool.retainsInputs',
          message: 'AI use "{name}": {tool.name} may store or train on (unknown terms) production data',
        },
      ],
    },
    {
      id: 'secure-environment',
      title: 'Not run in a secured environment',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline:
        'Where possible, tools run in an enterprise-secured environment that safeguards inputs. Consumer accounts and unknown environments do not.',
      remedy: "Run the tool in the production's enterprise tenant or locally, or get written approval for this use.",
      source: `${STUDIO_SOURCE}, principle 3`,
      cases: [
        {
          when: { field: 'tool.environment', in: ['consumer'] },
          field: 'tool.environment',
          message: 'AI use "{name}": {tool.name} ran in a consumer environment, not an enterprise-secured one',
        },
        {
          when: { field: 'tool.environment', notIn: ['enterprise', 'local'] },
          field: 'tool.environment',
          message: 'AI use "{name}": {tool.name} ran in an unknown environment, not an enterprise-secured one',
        },
      ],
    },
    {
      id: 'final-deliverable',
      title: 'Generated material in the final deliverables',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline:
        'Generated material is temporary (previs, temp score, placeholders) and not part of the final deliverables unless approved.',
      remedy: 'Mark the use as temporary and replace it before delivery, or get written approval to keep it.',
      source: `${STUDIO_SOURCE}, principle 4 and "Final output vs temporary media"`,
      cases: [
        { when: { field: 'final', in: ['yes'] }, field: 'final', message: 'AI use "{name}" is part of the final deliverables' },
        { when: { field: 'final', notIn: ['no'] }, field: 'final', message: 'AI use "{name}" may be part of the final deliverables' },
      ],
    },
    {
      id: 'talent-consent',
      title: 'Talent performance without consent',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline:
        "Generative AI must not replace or generate talent performances or union-covered work without consent. Digital replicas, voice clones, significant performance changes and synthetic performers need the performer's informed consent for this specific use.",
      remedy:
        'Obtain the performer\'s informed consent for this use and record it (status "granted" with where the signed consent is kept).',
      source: `${STUDIO_SOURCE}, principle 5 and "Talent & performance"; SAG-AFTRA TV/Theatrical 2023`,
      // An alteration that stays substantially as scripted is no new performance (cosmetic, timing, dialogue fixes).
      unless: {
        all: [
          { field: 'talent.kind', in: ['performance-alteration'] },
          { field: 'talent.alterationWithinScript', in: ['yes'] },
        ],
      },
      cases: [
        // Work not covered by a union still needs consent, but the contractual exposure is lower.
        {
          when: {
            all: [
              { field: 'talent', present: true },
              { field: 'talent.consent.status', notIn: ['granted'] },
              { field: 'talent.unionCovered', in: ['no'] },
              { field: 'talent.performers', nonEmpty: true },
            ],
          },
          field: 'talent.consent.status',
          severity: 'warning',
          message: 'AI use "{name}": {talent.kind|words} of {talent.performers} without granted consent ({talent.consent.status})',
        },
        {
          when: {
            all: [
              { field: 'talent', present: true },
              { field: 'talent.consent.status', notIn: ['granted'] },
              { field: 'talent.unionCovered', in: ['no'] },
            ],
          },
          field: 'talent.consent.status',
          severity: 'warning',
          message: 'AI use "{name}": {talent.kind|words} without granted consent ({talent.consent.status})',
        },
        {
          when: {
            all: [
              { field: 'talent', present: true },
              { field: 'talent.consent.status', notIn: ['granted'] },
              { field: 'talent.performers', nonEmpty: true },
            ],
          },
          field: 'talent.consent.status',
          message: 'AI use "{name}": {talent.kind|words} of {talent.performers} without granted consent ({talent.consent.status})',
        },
        {
          when: {
            all: [
              { field: 'talent', present: true },
              { field: 'talent.consent.status', notIn: ['granted'] },
            ],
          },
          field: 'talent.consent.status',
          message: 'AI use "{name}": {talent.kind|words} without granted consent ({talent.consent.status})',
        },
      ],
    },
    {
      id: 'sensitive-inputs',
      title: 'Production data put into the tool',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline:
        "Putting proprietary material (scripts, unreleased footage or assets), personal data or a talent's likeness into a tool always needs written approval.",
      remedy: 'Remove the production data from the inputs, or get written approval and record it.',
      source: `${STUDIO_SOURCE}, "Data use"`,
      cases: [
        {
          when: { field: 'inputs', includesAny: ['script', 'unreleased-assets', 'footage', 'talent-likeness', 'personal-data'] },
          field: 'inputs',
          message: 'AI use "{name}" puts {inputs} into the tool: written approval required',
        },
      ],
    },
    {
      id: 'key-creative-element',
      title: 'Key creative element',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline:
        'Generating key creative elements (main characters, key visuals, central settings) always needs written approval. Unknown counts as key.',
      remedy: 'Record "no" if it is a background or incidental element, or get written approval.',
      source: `${STUDIO_SOURCE}, "Creative output"`,
      cases: [
        {
          when: { field: 'keyCreative', in: ['yes'] },
          field: 'keyCreative',
          message: 'AI use "{name}" is a key creative element: written approval required',
        },
        {
          when: { field: 'keyCreative', notIn: ['no'] },
          field: 'keyCreative',
          message: 'AI use "{name}" may be a key creative element: written approval required',
        },
      ],
    },
    {
      id: 'misleading-audience',
      title: 'Could be taken for real without telling the audience',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline:
        'Material that could be mistaken for real events, people or statements needs written approval, and a documentary must never present AI-made material as real without telling the audience (on-screen label, credit or watermark).',
      remedy: 'Record how the audience is told (audienceDisclosure), or change the material so it cannot be taken for real.',
      source: `${STUDIO_SOURCE}, "Ethics & representation"; Archival Producers Alliance best practices (2024)`,
      cases: [
        {
          when: {
            all: [
              { field: 'realism.audienceDisclosure', nonEmpty: false },
              { field: 'realism.presentedAsReal', in: ['yes'] },
            ],
          },
          field: 'realism.presentedAsReal',
          message: 'AI use "{name}" could be taken for real and the audience is not told',
        },
        {
          when: {
            all: [
              { field: 'realism.audienceDisclosure', nonEmpty: false },
              { field: 'realism.presentedAsReal', in: ['unknown'] },
              { field: 'realism.depictsReal', notIn: ['no'] },
            ],
          },
          field: 'realism',
          severity: 'warning',
          message: 'AI use "{name}" depicts real people or events and may be taken for real; record how the audience is told',
        },
      ],
    },
  ],
});
