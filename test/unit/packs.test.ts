import * as assert from 'node:assert/strict';
import { fillTemplate, meets } from '../../src/core/policy/conditions';
import { PolicyPack } from '../../src/core/policy/pack';
import { STUDIO_PACK } from '../../src/core/policy/packs/studio';
import { BUILT_IN_PACKS, RULES } from '../../src/core/policy/rules';
import { compliantUse } from '../support/fixtures';

describe('policy packs as data', () => {
  const use = compliantUse({
    inputs: ['script'],
    talent: { kind: 'voice-clone', performers: ['Mara Quill', 'Tom Reed'], unionCovered: 'yes', consent: { status: 'none' } },
  });

  it('tests fields by dot path, treating a missing field as in no list', () => {
    assert.ok(meets(use, { field: 'tool.environment', in: ['enterprise'] }));
    assert.ok(meets(use, { field: 'realism.presentedAsReal', notIn: ['no'] }), 'missing: not in ["no"]');
    assert.ok(!meets(use, { field: 'realism.presentedAsReal', in: ['yes', 'unknown'] }));
    assert.ok(meets(use, { field: 'talent', present: true }) && meets(use, { field: 'approval', present: false }));
    assert.ok(meets(use, { field: 'talent.performers', nonEmpty: true }) && meets(use, { field: 'prompt', nonEmpty: false }));
    assert.ok(meets(use, { field: 'inputs', includesAny: ['footage', 'script'] }));
    assert.ok(meets(use, { all: [{ field: 'final', in: ['no'] }, { not: { field: 'keyCreative', in: ['yes'] } }] }));
    assert.ok(
      meets(use, {
        any: [
          { field: 'final', in: ['yes'] },
          { field: 'inputs', includesAny: ['script'] },
        ],
      }),
    );
  });

  it('fills message templates with values, lists and filters', () => {
    assert.equal(fillTemplate('{id}: {tool.name} {tool.version}', use), 'use-1: ScriptMate 4.2');
    assert.equal(fillTemplate('{talent.kind|words} of {talent.performers}', use), 'voice clone of Mara Quill, Tom Reed');
    assert.equal(fillTemplate('{talent.performers|quoted}', use), '"Mara Quill", "Tom Reed"');
    assert.equal(fillTemplate('[{prompt}]', use), '[]');
  });

  it('answers the same for every use when a condition or template is reused (each is made into a function once)', () => {
    const deep = { a: { b: { c: 'x' } }, n: 3, yes: true, nothing: null, list: ['p-q', 'r'] };
    const threeSteps = { field: 'a.b.c', in: ['x'] };
    assert.ok(meets(deep, threeSteps));
    assert.ok(!meets({ a: { b: null } }, threeSteps), 'a missing step is no value');
    assert.ok(!meets({ a: 'text' }, threeSteps), 'a scalar has no fields');
    assert.ok(meets({ a: { b: 'text' } }, { field: 'a.b.c', present: false }));
    assert.ok(meets(deep, { field: 'nothing', present: false }) && meets(deep, { field: 'nothing', nonEmpty: false }));
    assert.ok(!meets(deep, { field: 'n', includesAny: [3] }), 'includesAny asks a list');
    assert.ok(meets(deep, { field: 'n', in: [3] }) && meets(deep, { field: 'yes', in: [true] }));
    const inputs = { field: 'inputs', includesAny: ['footage'] };
    assert.deepEqual([meets(use, inputs), meets({ ...use, inputs: ['footage'] }, inputs), meets(use, inputs)], [false, true, false]);

    assert.equal(
      fillTemplate('{n} and {yes}; {nothing}|{a.b.c}|{a.b.missing}|{list|words}|{list|quoted}', deep),
      '3 and true; |x||p q, r|"p-q", "r"',
    );
    assert.equal(fillTemplate('no placeholders {here', deep), 'no placeholders {here');
    assert.equal(fillTemplate('{a.b.c}{a.b.c}', deep), 'xx');
    assert.equal(fillTemplate('{id}', { id: 'use-2' }), 'use-2', 'the same template, another use');
    assert.equal(fillTemplate('{name}', { id: 'use-2' }), 'use-2', 'a use without a title is named by its id');
    assert.equal(fillTemplate('{name} ({id})', { id: 'use-3', title: 'Temp score' }), 'Temp score (use-3)');
  });

  it('rejects a pack with an unknown operator or a bad field path, saying where', () => {
    const bad = {
      ...STUDIO_PACK,
      rules: [{ ...STUDIO_PACK.rules[0], cases: [{ when: { field: 'final', equals: 'yes' }, field: 'final', message: 'x' }] }],
    };
    const result = PolicyPack.safeParse(bad);
    assert.ok(!result.success);
    assert.deepEqual(result.error.issues[0].path.slice(0, 4), ['rules', 0, 'cases', 0]);
    const badPath = {
      ...STUDIO_PACK,
      rules: [{ ...STUDIO_PACK.rules[0], cases: [{ when: { field: 'tool..name', in: ['x'] }, field: 'final', message: 'x' }] }],
    };
    assert.ok(!PolicyPack.safeParse(badPath).success);
  });

  it('holds every guideline rule of the registry except the approval ones as pack data', () => {
    const fromPacks = RULES.filter((r) => r.cases).map((r) => r.id);
    assert.deepEqual(
      fromPacks,
      BUILT_IN_PACKS.flatMap((pack) => pack.rules.map((r) => r.id)),
    );
    for (const pack of BUILT_IN_PACKS) assert.ok(PolicyPack.safeParse(pack).success, pack.id);
    assert.deepEqual(
      RULES.filter((r) => r.family === 'guideline' && !r.cases).map((r) => r.id),
      ['approval-denied', 'notify-contact'],
    );
  });
});
