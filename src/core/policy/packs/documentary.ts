import { builtInPack } from '../pack';

const APA = 'Archival Producers Alliance, best practices for generative AI in documentaries (2024)';

/** For documentaries: the APA's transparency, cue-sheet and human-simulation practice (the Archival Producers Alliance's best practices; each rule's `source` names the section). */
export const DOCUMENTARY_PACK = builtInPack({
  id: 'documentary',
  title: 'Documentary practice (Archival Producers Alliance)',
  version: '2024.09',
  description: 'Switch on for documentaries: viewers are told about AI-made material, and a GenAI cue sheet records each use.',
  rules: [
    {
      id: 'apa-cue-sheet',
      title: 'GenAI cue sheet incomplete',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline:
        "A documentary keeps a GenAI cue sheet: for each use, its description and timecode, the prompt and software, the underlying source material and that material's copyright status.",
      remedy: "Record the use's cueSheet: timecode, sourceMaterial and copyrightStatus (and its prompt).",
      source: `${APA}, "GenAI cue sheet"`,
      cases: [
        {
          when: {
            all: [
              { field: 'final', notIn: ['no'] },
              { field: 'cueSheet.sourceMaterial', nonEmpty: false },
            ],
          },
          field: 'cueSheet',
          message: 'AI use "{name}": the GenAI cue sheet has no source material',
        },
        {
          when: {
            all: [
              { field: 'final', notIn: ['no'] },
              { field: 'cueSheet.copyrightStatus', nonEmpty: false },
            ],
          },
          field: 'cueSheet',
          message: 'AI use "{name}": the GenAI cue sheet has no copyright status for its source material',
        },
        {
          when: {
            all: [
              { field: 'final', notIn: ['no'] },
              { field: 'cueSheet.timecode', nonEmpty: false },
            ],
          },
          field: 'cueSheet',
          severity: 'information',
          message: 'AI use "{name}": the GenAI cue sheet has no timecode',
        },
      ],
    },
    {
      id: 'apa-human-simulation',
      title: 'Simulated real person, viewers not told',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline:
        'A simulated voice, face or performance of a real person is never passed off as real: viewers are told, on screen, that it is a simulation.',
      remedy: 'Label the simulation on screen and record it in realism.audienceDisclosure, or remove it.',
      source: `${APA}, "Human simulations"`,
      cases: [
        {
          when: {
            all: [
              { field: 'talent.kind', in: ['digital-replica', 'voice-clone', 'performance-alteration'] },
              { field: 'realism.depictsReal', notIn: ['no'] },
              { field: 'realism.audienceDisclosure', nonEmpty: false },
            ],
          },
          field: 'talent.kind',
          message: 'AI use "{name}": a {talent.kind|words} of a real person without an on-screen disclosure',
        },
      ],
    },
    {
      id: 'apa-audience-transparency',
      title: 'Generated material in the cut without a disclosure',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline:
        "Generative material in a documentary's final cut is disclosed to viewers (an on-screen label, watermark or credit), whether or not it depicts real events.",
      remedy: 'Record how viewers are told in realism.audienceDisclosure.',
      source: `${APA}, "Transparency"`,
      cases: [
        {
          when: {
            all: [
              { field: 'final', notIn: ['no'] },
              { field: 'realism.audienceDisclosure', nonEmpty: false },
            ],
          },
          field: 'final',
          message: 'AI use "{name}" is in the final cut and viewers are not told',
        },
      ],
    },
  ],
});
