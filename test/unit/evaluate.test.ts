import * as assert from 'node:assert/strict';
import { evaluateUse, useStatus } from '../../src/core/policy/evaluate';
import { RULES } from '../../src/core/policy/rules';
import { RuleId, Use } from '../../src/core/sidecar/schema';
import { compliantUse } from '../support/fixtures';

type Case = { name: string; change: Partial<Use>; fires?: RuleId; severity?: string; quiet?: RuleId; packs?: string[] };

const tool = compliantUse().tool;
const talent = (consent: 'none' | 'requested' | 'granted', unionCovered: 'yes' | 'no' | 'unknown' = 'yes'): Use['talent'] => ({
  kind: 'voice-clone',
  performers: ['Mara Quill'],
  unionCovered,
  consent: { status: consent },
});

/** Every guideline rule, firing and not firing. */
const CASES: Case[] = [
  {
    name: 'a prompt naming a copyrighted work',
    change: { references: { copyrightedWorks: ['a famous poster'], publicFigures: [] } },
    fires: 'copyrighted-material',
    severity: 'warning',
  },
  {
    name: 'a prompt naming a public figure',
    change: { references: { copyrightedWorks: [], publicFigures: ['a politician'] } },
    fires: 'copyrighted-material',
  },
  { name: 'third-party material as input', change: { inputs: ['third-party-material'] }, fires: 'copyrighted-material' },
  { name: 'no references', change: { references: { copyrightedWorks: [], publicFigures: [] } }, quiet: 'copyrighted-material' },
  { name: 'a tool that trains on inputs', change: { tool: { ...tool, trainsOnInputs: 'yes' } }, fires: 'data-retention' },
  { name: 'unknown data terms', change: { tool: { ...tool, retainsInputs: 'unknown' } }, fires: 'data-retention' },
  { name: 'terms that exclude retention and training', change: {}, quiet: 'data-retention' },
  { name: 'a consumer account', change: { tool: { ...tool, environment: 'consumer' } }, fires: 'secure-environment' },
  { name: 'an unknown environment', change: { tool: { ...tool, environment: 'unknown' } }, fires: 'secure-environment' },
  { name: 'a local tool', change: { tool: { ...tool, environment: 'local' } }, quiet: 'secure-environment' },
  { name: 'final material', change: { final: 'yes' }, fires: 'final-deliverable' },
  { name: 'undecided final status', change: { final: 'unknown' }, fires: 'final-deliverable' },
  { name: 'temporary material', change: { final: 'no' }, quiet: 'final-deliverable' },
  { name: 'a union voice clone without consent', change: { talent: talent('requested') }, fires: 'talent-consent', severity: 'error' },
  { name: 'a non-union clone without consent', change: { talent: talent('none', 'no') }, fires: 'talent-consent', severity: 'warning' },
  { name: 'a clone with granted consent', change: { talent: talent('granted') }, quiet: 'talent-consent' },
  { name: 'the script as input', change: { inputs: ['script'] }, fires: 'sensitive-inputs' },
  { name: 'personal data as input', change: { inputs: ['personal-data'] }, fires: 'sensitive-inputs' },
  { name: 'no production data as input', change: { inputs: [] }, quiet: 'sensitive-inputs' },
  { name: 'a key creative element', change: { keyCreative: 'yes' }, fires: 'key-creative-element' },
  { name: 'an unknown creative weight', change: { keyCreative: 'unknown' }, fires: 'key-creative-element' },
  { name: 'an incidental element', change: { keyCreative: 'no' }, quiet: 'key-creative-element' },
  {
    name: 'material presented as real, untold',
    change: { realism: { depictsReal: 'yes', presentedAsReal: 'yes' } },
    fires: 'misleading-audience',
    severity: 'error',
  },
  {
    name: 'real subject, unsure how presented',
    change: { realism: { depictsReal: 'yes', presentedAsReal: 'unknown' } },
    fires: 'misleading-audience',
    severity: 'warning',
  },
  {
    name: 'presented as real with an on-screen label',
    change: { realism: { depictsReal: 'yes', presentedAsReal: 'yes', audienceDisclosure: 'lower-third label' } },
    quiet: 'misleading-audience',
  },
  { name: 'obviously not real', change: { realism: { depictsReal: 'no', presentedAsReal: 'no' } }, quiet: 'misleading-audience' },
  { name: 'denied approval', change: { approval: { status: 'denied', by: 'studio' } }, fires: 'approval-denied', severity: 'error' },
  { name: 'approved use', change: { approval: { status: 'approved' } }, quiet: 'approval-denied' },
  { name: 'a compliant use not yet reported', change: {}, fires: 'notify-contact', severity: 'information' },
  {
    name: 'an alteration that stays as scripted (SAG-AFTRA exemption)',
    change: {
      talent: {
        kind: 'performance-alteration',
        performers: ['A'],
        unionCovered: 'yes',
        alterationWithinScript: 'yes',
        consent: { status: 'none' },
      },
    },
    quiet: 'talent-consent',
  },
  // Documentary pack (APA)
  {
    name: 'final material without a cue-sheet source',
    change: { final: 'yes', cueSheet: { copyrightStatus: 'licensed', timecode: '01:00:00:00' } },
    fires: 'apa-cue-sheet',
    packs: ['documentary'],
  },
  {
    name: 'a complete cue sheet',
    change: { final: 'yes', cueSheet: { sourceMaterial: 'archive text', copyrightStatus: 'licensed', timecode: '01:00:00:00' } },
    quiet: 'apa-cue-sheet',
    packs: ['documentary'],
  },
  {
    name: 'a cloned voice of a real person, viewers not told',
    change: { talent: talent('granted'), realism: { depictsReal: 'yes', presentedAsReal: 'no' } },
    fires: 'apa-human-simulation',
    severity: 'error',
    packs: ['documentary'],
  },
  {
    name: 'a cloned voice labelled on screen',
    change: { talent: talent('granted'), realism: { depictsReal: 'yes', presentedAsReal: 'no', audienceDisclosure: 'caption' } },
    quiet: 'apa-human-simulation',
    packs: ['documentary'],
  },
  {
    name: 'material in the final cut, viewers not told',
    change: { final: 'yes' },
    fires: 'apa-audience-transparency',
    packs: ['documentary'],
  },
  { name: 'temporary material', change: { final: 'no' }, quiet: 'apa-audience-transparency', packs: ['documentary'] },
  // Union pack (SAG-AFTRA, WGA, DGA)
  {
    name: 'a digital replica of unrecorded kind',
    change: { talent: { kind: 'digital-replica', performers: ['A'], unionCovered: 'yes', consent: { status: 'granted' } } },
    fires: 'sag-replica-kind',
    packs: ['union'],
  },
  {
    name: 'an employment-based replica',
    change: {
      talent: {
        kind: 'digital-replica',
        performers: ['A'],
        unionCovered: 'yes',
        replicaKind: 'employment-based',
        consent: { status: 'granted' },
      },
    },
    quiet: 'sag-replica-kind',
    packs: ['union'],
  },
  {
    name: 'an alteration beyond the script without consent',
    change: {
      talent: {
        kind: 'performance-alteration',
        performers: ['A'],
        unionCovered: 'yes',
        alterationWithinScript: 'no',
        consent: { status: 'requested' },
      },
    },
    fires: 'sag-digital-alteration',
    severity: 'error',
    packs: ['union'],
  },
  {
    name: 'an alteration within the script',
    change: {
      talent: {
        kind: 'performance-alteration',
        performers: ['A'],
        unionCovered: 'yes',
        alterationWithinScript: 'yes',
        consent: { status: 'none' },
      },
    },
    quiet: 'sag-digital-alteration',
    packs: ['union'],
  },
  {
    name: 'a synthetic performer without union notice',
    change: { talent: { kind: 'synthetic-performer', performers: [], unionCovered: 'yes', consent: { status: 'none' } } },
    fires: 'sag-synthetic-performer',
    packs: ['union'],
  },
  {
    name: 'a synthetic performer with notice given',
    change: {
      talent: { kind: 'synthetic-performer', performers: [], unionCovered: 'yes', unionNotified: 'yes', consent: { status: 'none' } },
    },
    quiet: 'sag-synthetic-performer',
    packs: ['union'],
  },
  {
    name: 'AI material handed to writers untold',
    change: { writers: { handedToWriters: 'yes', disclosedToWriters: 'no' } },
    fires: 'wga-writer-disclosure',
    severity: 'error',
    packs: ['union'],
  },
  {
    name: 'AI material handed to writers and disclosed',
    change: { writers: { handedToWriters: 'yes', disclosedToWriters: 'yes' } },
    quiet: 'wga-writer-disclosure',
    packs: ['union'],
  },
  {
    name: 'a key creative element without the director',
    change: { keyCreative: 'yes' },
    fires: 'dga-director-consulted',
    packs: ['union'],
  },
  {
    name: 'a key creative element the director was consulted on',
    change: { keyCreative: 'yes', directorConsulted: 'yes' },
    quiet: 'dga-director-consulted',
    packs: ['union'],
  },
  // EU AI Act pack
  {
    name: 'a deep fake not disclosed',
    change: { realism: { depictsReal: 'yes', presentedAsReal: 'no' } },
    fires: 'eu-deepfake-disclosure',
    severity: 'error',
    packs: ['eu-ai-act'],
  },
  {
    name: 'a deep fake disclosed in the credits',
    change: { realism: { depictsReal: 'yes', presentedAsReal: 'no', audienceDisclosure: 'end credit' } },
    quiet: 'eu-deepfake-disclosure',
    packs: ['eu-ai-act'],
  },
  {
    name: 'final output without a machine-readable marking',
    change: { final: 'yes' },
    fires: 'eu-machine-readable-marking',
    packs: ['eu-ai-act'],
  },
  {
    name: 'final output carrying content credentials',
    change: { final: 'yes', provenanceMarked: 'yes' },
    quiet: 'eu-machine-readable-marking',
    packs: ['eu-ai-act'],
  },
  { name: 'a compliant use already reported', change: { notified: { date: '2026-11-21' } }, quiet: 'notify-contact' },
  { name: 'a use outside the guidelines (approval, not notice)', change: { final: 'yes' }, quiet: 'notify-contact' },
];

describe('guideline rules', () => {
  for (const c of CASES) {
    const verb = c.fires ? `fires ${c.fires}` : `stays quiet on ${c.quiet}`;
    it(`${verb} for ${c.name}`, () => {
      const findings = evaluateUse(compliantUse(c.change), new Set(['studio', ...(c.packs ?? [])]));
      const rule = c.fires ?? c.quiet!;
      const hit = findings.find((f) => f.rule === rule);
      if (c.fires) {
        assert.ok(hit, `expected ${rule} in ${JSON.stringify(findings.map((f) => f.rule))}`);
        assert.match(hit.message, /AI use "use-1"/, 'the message names the use');
        if (c.severity) assert.equal(hit.severity, c.severity);
      } else {
        assert.equal(hit, undefined);
      }
    });
  }

  it('covers every guideline rule in the registry', () => {
    const covered = new Set(CASES.flatMap((c) => [c.fires, c.quiet]));
    for (const rule of RULES.filter((r) => r.family === 'guideline')) assert.ok(covered.has(rule.id), `${rule.id} has no test case`);
  });

  it('lets written approval settle the rules approval can settle, and keeps consent rules', () => {
    const use = compliantUse({ final: 'yes', keyCreative: 'yes', talent: talent('none'), approval: { status: 'approved' } });
    assert.deepEqual(
      evaluateUse(use).map((f) => f.rule),
      ['talent-consent'],
    );
    assert.equal(useStatus(use, evaluateUse(use)), 'violation');
    const approvedOnly = compliantUse({ final: 'yes', approval: { status: 'approved' } });
    assert.deepEqual(evaluateUse(approvedOnly), []);
    assert.equal(useStatus(approvedOnly, []), 'approved');
  });

  it('marks pending approval in the message and the status', () => {
    const use = compliantUse({ final: 'yes', approval: { status: 'pending' } });
    const findings = evaluateUse(use);
    assert.match(findings[0].message, /\(approval pending\)$/);
    assert.equal(useStatus(use, findings), 'pending');
  });

  it("runs a pack's rules only when the pack is switched on", () => {
    const use = compliantUse({ final: 'yes', keyCreative: 'yes' });
    assert.ok(!evaluateUse(use).some((f) => f.rule.startsWith('apa-') || f.rule.startsWith('dga-') || f.rule.startsWith('eu-')));
    assert.ok(evaluateUse(use, new Set(['union'])).some((f) => f.rule === 'dga-director-consulted'));
    assert.ok(!evaluateUse(use, new Set(['union'])).some((f) => f.rule === 'final-deliverable'), 'studio off');
  });

  it('drops a suppressed rule for that use only', () => {
    const use = compliantUse({ final: 'yes', suppressions: [{ rule: 'final-deliverable', reason: 'credited as AI in the end titles' }] });
    assert.equal(
      evaluateUse(use).find((f) => f.rule === 'final-deliverable'),
      undefined,
    );
    assert.ok(evaluateUse(compliantUse({ final: 'yes' })).some((f) => f.rule === 'final-deliverable'));
  });

  it('points each finding at the field that causes it', () => {
    const [finding] = evaluateUse(compliantUse({ tool: { ...tool, environment: 'consumer' } })).filter(
      (f) => f.rule === 'secure-environment',
    );
    assert.deepEqual(finding.field, ['tool', 'environment']);
  });

  it('gives within-guideline uses the to-notify, then notified status', () => {
    assert.equal(useStatus(compliantUse(), evaluateUse(compliantUse())), 'to-notify');
    const notified = compliantUse({ notified: { date: '2026-11-21' } });
    assert.equal(useStatus(notified, evaluateUse(notified)), 'notified');
  });
});
