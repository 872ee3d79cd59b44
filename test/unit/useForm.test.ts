import * as assert from 'node:assert/strict';
import { applyFormChanges, FORM_FIELDS, formProblems, formValues, USE_FORM } from '../../src/core/sidecar/form';
import { Use } from '../../src/core/sidecar/schema';
import { compliantUse } from '../support/fixtures';

describe('use form: every field of a use, changed without JSON', () => {
  it('names every field in words and offers labelled choices', () => {
    for (const section of USE_FORM) {
      for (const field of section.fields) {
        assert.ok(field.label.length > 0 && !/[a-z][A-Z]/.test(field.label), `${field.key} has a label in words`);
        if (field.control.kind === 'choice' || field.control.kind === 'choices') {
          for (const choice of field.control.choices) assert.notEqual(choice.label, choice.value || '-', `${field.key}: ${choice.value}`);
        }
      }
    }
  });

  it('shows what is recorded, and empty for what is not', () => {
    const values = formValues(compliantUse({ title: 'Key art', inputs: ['script'], approval: { status: 'approved', by: 'Studio' } }));
    assert.equal(values.title, 'Key art');
    assert.equal(values['tool.environment'], 'enterprise');
    assert.deepEqual(values.inputs, ['script']);
    assert.equal(values['approval.by'], 'Studio');
    assert.equal(values['talent.kind'], '');
    assert.deepEqual(values['talent.performers'], []);
  });

  it('changes only the fields given, and keeps fields it does not know', () => {
    const before = { ...compliantUse({ description: '' }), futureField: { kept: true } } as Use;
    const after = applyFormChanges(before, { final: 'no' });
    assert.equal(after.final, 'no');
    assert.equal(after.description, '', 'an untouched empty field stays as recorded');
    assert.deepEqual((after as Record<string, unknown>).futureField, { kept: true });
    assert.notEqual(after, before, 'the recorded use is not changed in place');
    assert.equal(before.final, compliantUse().final);
  });

  it('removes an optional field emptied, and the object left with nothing in it', () => {
    const before = compliantUse({ approval: { status: 'approved', by: 'Studio' } });
    const after = applyFormChanges(before, { 'approval.status': '', 'approval.by': '' });
    assert.equal(after.approval, undefined);
    const partly = applyFormChanges(before, { 'approval.by': '' });
    assert.deepEqual(partly.approval, { status: 'approved' });
  });

  it('reads a list one name per line and builds the objects a field sits in', () => {
    const after = applyFormChanges(compliantUse(), {
      'talent.kind': 'voice-clone',
      'talent.performers': 'Ana Ruiz\n\n  \nTom Hale',
      'talent.unionCovered': 'yes',
      'talent.consent.status': 'granted',
    });
    assert.deepEqual(after.talent, {
      kind: 'voice-clone',
      performers: ['Ana Ruiz', 'Tom Hale'],
      unionCovered: 'yes',
      consent: { status: 'granted' },
    });
    assert.deepEqual(formProblems(after), {});
  });

  it('reports problems at the field, with the schema the sidecar is read with', () => {
    const use = applyFormChanges(compliantUse(), { purpose: '   ', 'approval.date': 'last Tuesday', 'talent.kind': 'voice-clone' });
    const problems = formProblems(use);
    assert.match(problems.purpose, /must not be empty/i);
    assert.match(problems['approval.date'], /a date written year-month-day/);
    assert.match(problems['talent.unionCovered'], /needed when the rest of this section is filled in/);
    assert.match(problems['talent.consent.status'], /needed/);
    for (const key of Object.keys(problems)) assert.ok(FORM_FIELDS.has(key), `${key} is a field of the form`);
  });

  it('refuses a field the form does not have', () => {
    assert.throws(() => applyFormChanges(compliantUse(), { 'tool.secret': 'x' }), /no field "tool.secret"/);
    assert.throws(() => applyFormChanges(compliantUse(), { __proto__: 'x', id: 'other' }), /no field "id"/);
  });
});
