import * as assert from 'node:assert/strict';
import { packChoices, productionAnswersOf, productionConfigText, readProjectConfig } from '../../src/core/config/setup';

const PATH = '/prod/.aidisclosure.json';

describe('setting up a production (.aidisclosure.json from a few answers)', () => {
  it('writes a new file with the answers and the chosen packs', () => {
    const text = productionConfigText(PATH, undefined, {
      name: 'Salt Line',
      studio: 'Harbourlight Pictures',
      contact: 'AI review desk',
      preparer: '',
      packs: ['studio', 'documentary'],
    });
    assert.deepEqual(JSON.parse(text), {
      production: { name: 'Salt Line', studio: 'Harbourlight Pictures', contact: 'AI review desk' },
      packs: ['studio', 'documentary'],
    });
    assert.ok(text.endsWith('}\n'));
  });

  it('edits an existing file in place, keeping every other setting, its layout and its custom packs', () => {
    const existing = [
      '{',
      '\t"production": { "name": "Salt Line", "preparer": "Coordinator" },',
      '\t"packs": ["studio", "packs/network.json"],',
      '\t"rules": { "notify-contact": "hint" }',
      '}',
      '',
    ].join('\r\n');
    const text = productionConfigText(PATH, existing, {
      ...productionAnswersOf(readProjectConfig(PATH, existing)),
      studio: 'Harbourlight',
      packs: ['studio', 'union'],
    });
    assert.match(text, /\t"rules": \{ "notify-contact": "hint" \}\r\n/);
    const config = readProjectConfig(PATH, text);
    assert.deepEqual(config.production, { name: 'Salt Line', preparer: 'Coordinator', studio: 'Harbourlight' });
    assert.deepEqual(config.packs, ['studio', 'union', 'packs/network.json']);
    assert.ok(!/[^\r]\n/.test(text), 'CRLF kept');
  });

  it('changes nothing when the answers are what the file says', () => {
    const existing = '{\n  "production": { "name": "Salt Line" }\n}\n';
    assert.equal(productionConfigText(PATH, existing, productionAnswersOf(readProjectConfig(PATH, existing))), existing);
  });

  it('refuses a file that does not read, at its place, and changes nothing', () => {
    assert.throws(
      () => productionConfigText(PATH, '{\n  "packs": ["studio",]\n}\n', { name: 'x', packs: ['studio'] }),
      /\.aidisclosure\.json:2:\d+: .*the file was not changed/,
    );
    // A misspelled setting too: written beside it, the answers would still leave the file not applied.
    assert.throws(
      () => productionConfigText(PATH, '{\n  "pack": ["documentary"]\n}\n', { name: 'x', packs: ['studio'] }),
      /\.aidisclosure\.json:2:3: "pack" is not a setting AI Disclosure reads; did you mean "packs"\? \(the file was not changed/,
    );
  });

  it('starts from the defaults for a new production and offers every built-in pack by title', () => {
    assert.deepEqual(productionAnswersOf(undefined), {
      name: '',
      studio: undefined,
      contact: undefined,
      preparer: undefined,
      packs: ['studio'],
    });
    const choices = packChoices();
    assert.deepEqual(
      choices.map((c) => c.id),
      ['studio', 'documentary', 'union', 'eu-ai-act'],
    );
    for (const choice of choices) assert.notEqual(choice.title, choice.id);
  });
});
