import { builtInPack } from '../pack';

const ARTICLE_50 = 'EU AI Act (Regulation 2024/1689), Article 50, applicable from 2 August 2026';

/** Transparency duties of the EU AI Act for productions released in the EU (Article 50; each rule names its paragraph in `source`). */
export const EU_AI_ACT_PACK = builtInPack({
  id: 'eu-ai-act',
  title: 'EU AI Act, Article 50 transparency',
  version: '2024/1689',
  description: 'Switch on for releases in the EU: deep fakes disclosed, generated output marked machine-readably.',
  rules: [
    {
      id: 'eu-deepfake-disclosure',
      title: 'Deep fake not disclosed',
      defaultSeverity: 'error',
      clearedByApproval: false,
      guideline:
        'Deployers disclose that image, audio or video resembling real people, places or events was generated or manipulated; for evidently artistic or fictional works in a way that does not hamper the work, clearly at first exposure.',
      remedy: 'Disclose it (a credit or label at first exposure is enough for fiction) and record realism.audienceDisclosure.',
      source: `${ARTICLE_50}, paragraphs 4 and 5`,
      cases: [
        {
          when: {
            all: [
              { field: 'realism.depictsReal', in: ['yes'] },
              { field: 'realism.audienceDisclosure', nonEmpty: false },
            ],
          },
          field: 'realism.depictsReal',
          message: 'AI use "{name}" resembles real people or events and is not disclosed',
        },
      ],
    },
    {
      id: 'eu-machine-readable-marking',
      title: 'Generated output not marked machine-readably',
      defaultSeverity: 'warning',
      clearedByApproval: false,
      guideline:
        'Generated or manipulated output is marked in a machine-readable format and detectable as such (for example C2PA content credentials or IPTC digital source type).',
      remedy: 'Keep or add the provenance marking in the delivered file and record provenanceMarked "yes".',
      source: `${ARTICLE_50}, paragraph 2`,
      cases: [
        {
          when: {
            all: [
              { field: 'final', notIn: ['no'] },
              { field: 'provenanceMarked', notIn: ['yes'] },
            ],
          },
          field: 'final',
          message: 'AI use "{name}" goes into the release without a machine-readable AI marking',
        },
      ],
    },
  ],
});
