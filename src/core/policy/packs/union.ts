import { builtInPack } from '../pack';

const SAG = 'SAG-AFTRA TV/Theatrical Agreement (2023), digital replicas and alteration';

/** Union terms: SAG-AFTRA replica kinds, alteration and synthetic performers; WGA and DGA, from their 2023 agreements (each rule's `source` names the article). */
export const UNION_PACK = builtInPack({
  id: 'union',
  title: 'Union terms (SAG-AFTRA, WGA, DGA 2023 agreements)',
  version: '2023',
  description:
    'Switch on for union productions: replica kinds, the digital-alteration exemption, synthetic performers, writers and directors.',
  rules: [
    {
      id: 'sag-replica-kind',
      title: 'Digital replica kind not recorded',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline:
        'The agreement treats employment-based replicas (made with the performer during employment), independently created replicas (made without) and background actor replicas differently; consent and payment follow the kind.',
      remedy: 'Record talent.replicaKind: employment-based, independently-created or background.',
      source: SAG,
      cases: [
        {
          when: {
            all: [
              { field: 'talent.kind', in: ['digital-replica'] },
              { field: 'talent.replicaKind', present: false },
            ],
          },
          field: 'talent',
          message: 'AI use "{name}": which kind of digital replica is it (employment-based, independently created, background)?',
        },
      ],
    },
    {
      id: 'sag-digital-alteration',
      title: 'Performance altered beyond the script without consent',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline:
        "Digitally altering a performance needs the performer's consent unless the result stays substantially as scripted, performed and recorded (cosmetic, timing, pitch, VFX, rating and dialogue fixes are exempt).",
      remedy: 'Obtain and record consent, or record talent.alterationWithinScript "yes" if the change is within the exemption.',
      source: SAG,
      cases: [
        {
          when: {
            all: [
              { field: 'talent.kind', in: ['performance-alteration'] },
              { field: 'talent.alterationWithinScript', notIn: ['yes'] },
              { field: 'talent.consent.status', notIn: ['granted'] },
            ],
          },
          field: 'talent.alterationWithinScript',
          message: 'AI use "{name}": a performance altered beyond the script without the performer\'s consent',
        },
      ],
    },
    {
      id: 'sag-synthetic-performer',
      title: 'Synthetic performer without notice to the union',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline:
        'A synthetic performer is not a replica of anyone, but the union must be given notice and an opportunity to bargain before one is used.',
      remedy: 'Give the union notice and record talent.unionNotified "yes".',
      source: SAG,
      cases: [
        {
          when: {
            all: [
              { field: 'talent.kind', in: ['synthetic-performer'] },
              { field: 'talent.unionNotified', notIn: ['yes'] },
            ],
          },
          field: 'talent',
          message: 'AI use "{name}": a synthetic performer, and the union has not been given notice',
        },
      ],
    },
    {
      id: 'wga-writer-disclosure',
      title: 'AI material handed to writers without disclosure',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline: 'AI output is not literary or source material; when the company hands a writer AI-generated material, it must say so.',
      remedy: 'Tell the writers the material is AI-generated and record writers.disclosedToWriters "yes".',
      source: 'WGA Minimum Basic Agreement (2023), Article 72',
      cases: [
        {
          when: {
            all: [
              { field: 'writers.handedToWriters', notIn: ['no'] },
              { field: 'writers', present: true },
              { field: 'writers.disclosedToWriters', notIn: ['yes'] },
            ],
          },
          field: 'writers.disclosedToWriters',
          message: 'AI use "{name}": AI-generated material went to writers without being disclosed',
        },
      ],
    },
    {
      id: 'dga-director-consulted',
      title: 'Director not consulted on a creative element',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline: 'Generative AI is not a person; it is not used in connection with creative elements without consulting the director.',
      remedy: 'Consult the director and record directorConsulted "yes".',
      source: 'DGA Basic Agreement (2023), generative AI',
      cases: [
        {
          when: {
            all: [
              { field: 'keyCreative', notIn: ['no'] },
              { field: 'directorConsulted', notIn: ['yes'] },
            ],
          },
          field: 'keyCreative',
          message: 'AI use "{name}" concerns a creative element and the director has not been consulted',
        },
      ],
    },
  ],
});
