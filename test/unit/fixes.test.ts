import * as assert from 'node:assert/strict';
import { Finding } from '../../src/core/findings';
import { RuleCatalog } from '../../src/core/policy/rules';
import { COMMANDS } from '../../src/vscode/constants';
import { fixesFor } from '../../src/vscode/fixes';

function findingOf(rule: string): Finding {
  const at = { line: 3, column: 5 };
  return {
    file: '/prod/a.png.ai.json',
    start: at,
    end: at,
    rule,
    severity: 'warning',
    message: 'm',
    useId: 'u1',
    sidecar: '/prod/a.png.ai.json',
    related: [],
  };
}

const commandsFor = (rule: string) => fixesFor(findingOf(rule), RuleCatalog.builtIn.find(rule)).map((fix) => fix.command);

describe('the remedies offered for a finding', () => {
  it('offer to suppress a guideline finding for its use, with the form and the rule page', () => {
    assert.deepEqual(commandsFor('key-creative-element'), [
      COMMANDS.recordApproval,
      COMMANDS.editUse,
      COMMANDS.suppressRule,
      COMMANDS.openRuleDocs,
    ]);
  });

  it('never offer a suppression for an integrity finding, which a use cannot suppress', () => {
    for (const rule of ['orphaned-tag', 'misspelled-field']) {
      const commands = commandsFor(rule);
      assert.ok(!commands.includes(COMMANDS.suppressRule), `${rule}: ${commands.join(', ')}`);
      assert.ok(commands.includes(COMMANDS.editUse) && commands.includes(COMMANDS.openRuleDocs), `${rule}: ${commands.join(', ')}`);
    }
  });

  it('offer first to rename a misspelled field to the field it looks like', () => {
    const finding = { ...findingOf('misspelled-field'), misspelled: { path: ['uses', 0, 'promt'], meant: 'prompt' } };
    const [first] = fixesFor(finding, RuleCatalog.builtIn.find('misspelled-field'));
    assert.deepEqual(first, {
      title: 'Rename "promt" to "prompt"',
      command: COMMANDS.renameField,
      args: ['/prod/a.png.ai.json', ['uses', 0, 'promt'], 'prompt'],
      preferred: true,
    });
  });

  it('offer first to point a suppression of no rule at the rule it looks like, and no suppression of their own', () => {
    const finding = { ...findingOf('unknown-rule'), suppressed: { rule: 'notify-contacts', meant: 'notify-contact' } };
    const fixes = fixesFor(finding, RuleCatalog.builtIn.find('unknown-rule'));
    assert.deepEqual(fixes[0], {
      title: 'Suppress "notify-contact" instead of "notify-contacts"',
      command: COMMANDS.suppressRule,
      args: ['/prod/a.png.ai.json', finding.useId, 'notify-contact', { replaces: 'notify-contacts' }],
      preferred: true,
    });
    assert.ok(!fixes.some((fix) => fix.title.startsWith('Suppress "unknown-rule"')));
  });

  it('offer first to move a field written beside the object it belongs in, inside it', () => {
    const misspelled = { path: ['uses', 0, 'Vendor'], meant: 'vendor', into: 'tool' };
    const [first] = fixesFor({ ...findingOf('misspelled-field'), misspelled }, RuleCatalog.builtIn.find('misspelled-field'));
    assert.deepEqual(first, {
      title: 'Move "Vendor" into "tool" as "vendor"',
      command: COMMANDS.renameField,
      args: ['/prod/a.png.ai.json', ['uses', 0, 'Vendor'], 'vendor', 'tool'],
      preferred: true,
    });
  });
});
