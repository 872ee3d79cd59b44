import * as assert from 'node:assert/strict';
import * as z from '../../src/core/json/zod';
import { misspelledKeys } from '../../src/core/json/misspelledKeys';
import { withKeyMoved, withValueSet } from '../../src/core/json/textEdits';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { checkSidecar } from '../../src/core/workspace/check';
import { renameField } from '../../src/core/sidecar/rename';
import { SidecarMemo, updateSidecar } from '../../src/core/sidecar/store';
import { compliantUse, sidecarWith } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const Schema = z.looseObject({
  environment: z.string(),
  to: z.optional(z.string()),
  final: z.optional(z.string()),
  approval: z.optional(z.looseObject({ status: z.string() })),
  shots: z.array(z.looseObject({ name: z.string() })),
  either: z.optional(z.union([z.looseObject({ alpha: z.string() }), z.looseObject({ beta: z.string() })])),
});

describe('field names that look misspelled', () => {
  it('finds a key one or two slips from a known one: case, a letter missing, added, changed or swapped', () => {
    const found = misspelledKeys(Schema, {
      enviornment: 'enterprise',
      Final: 'no',
      aprovl: { stauts: 'granted' },
      shots: [{ name: 'a' }, { nmae: 'b', names: 'c' }],
    });
    assert.deepEqual(found, [
      { path: ['enviornment'], meant: 'environment' },
      { path: ['Final'], meant: 'final' },
      { path: ['aprovl'], meant: 'approval' },
      { path: ['shots', 1, 'nmae'], meant: 'name' },
      { path: ['shots', 1, 'names'], meant: 'name' },
    ]);
  });

  it('takes a short name written in other letters as a word of its own, and only its case as a slip', () => {
    assert.deepEqual(misspelledKeys(Schema, { environment: 'local', shots: [], TO: 'studio' }), [{ path: ['TO'], meant: 'to' }]);
  });

  it('takes other unknown keys as meant, and does not guess inside a union', () => {
    const value = {
      environment: 'local',
      shots: [],
      myNote: 'keep',
      fin: 'x',
      approvalNotes: 'y',
      tx: 'a',
      tos: 'b',
      either: { alpah: 'z' },
    };
    assert.deepEqual(misspelledKeys(Schema, value), []);
  });

  it('looks inside a known field of a misspelled-free object, at any depth', () => {
    assert.deepEqual(misspelledKeys(Schema, { environment: 'local', shots: [], approval: { Status: 'granted' } }), [
      { path: ['approval', 'Status'], meant: 'status' },
    ]);
  });

  it('finds a field of an object written beside it, not inside, unless two objects beside it both have such a field', () => {
    assert.deepEqual(misspelledKeys(Schema, { environment: 'local', shots: [], stauts: 'granted' }), [
      { path: ['stauts'], meant: 'status', into: 'approval' },
    ]);
    const Twice = z.looseObject({ tool: z.looseObject({ name: z.string() }), talent: z.optional(z.looseObject({ name: z.string() })) });
    assert.deepEqual(misspelledKeys(Twice, { tool: { name: 'x' }, name: 'y' }), []);
  });
});

describe('a key moved inside the object it belongs in, in a document', () => {
  const FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };
  const text = '{\n  "production": { "name": "Salt Line" },\n  "Studio": "Harbourlight",\n  "packs": ["studio"]\n}\n';

  it('moves it, renamed as meant, into an object on one line, which stays on one line, every other line kept', () => {
    assert.equal(
      withKeyMoved(text, ['Studio'], 'production', 'studio', FORMATTING),
      '{\n  "production": { "name": "Salt Line", "studio": "Harbourlight" },\n  "packs": ["studio"]\n}\n',
    );
  });

  it('into an object laid out over lines: on a line of its own, indented as its members, the value as written', () => {
    const laidOut =
      '{\r\n\t"production": {\r\n\t\t"name": "Salt\\u0020Line",\r\n\t\t"team": { "lead": "A" }\r\n\t},\r\n\t"Studio": { "n": "H\\u00e9" }\r\n}\r\n';
    assert.equal(
      withKeyMoved(laidOut, ['Studio'], 'production', 'studio', { insertSpaces: false, tabSize: 1, eol: '\r\n' }),
      '{\r\n\t"production": {\r\n\t\t"name": "Salt\\u0020Line",\r\n\t\t"team": { "lead": "A" },\r\n\t\t"studio": { "n": "H\\u00e9" }\r\n\t}\r\n}\r\n',
    );
    // The first member moved: the one after it takes its place.
    assert.equal(
      withKeyMoved('{ "Studio": "H", "production": {}, "packs": [] }', ['Studio'], 'production', 'studio', FORMATTING),
      '{ "production": { "studio": "H" }, "packs": [] }',
    );
  });

  it('makes the object when it is not written, and refuses to write over a field or into what is not an object', () => {
    assert.equal(withKeyMoved('{ "studio": "H" }', ['studio'], 'production', 'studio', FORMATTING), '{ "production": { "studio": "H" } }');
    assert.equal(
      withKeyMoved('{\n  "version": 1,\n  "studio": "H"\n}', ['studio'], 'production', 'studio', FORMATTING),
      '{\n  "version": 1,\n  "production": { "studio": "H" }\n}',
    );
    assert.equal(withKeyMoved(text.replace('"name"', '"studio"'), ['Studio'], 'production', 'studio', FORMATTING), undefined);
    assert.equal(withKeyMoved('{ "production": 3, "studio": "H" }', ['studio'], 'production', 'studio', FORMATTING), undefined);
    assert.equal(withKeyMoved(text, ['gone'], 'production', 'gone', FORMATTING), undefined);
  });
});

describe('a value set in JSON text', () => {
  const FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };

  it('inserts an item before others where asked, and appends one beside the last on its line', () => {
    const text = '{ "inputs": ["script", "footage"] }';
    assert.deepEqual(JSON.parse(withValueSet(text, ['inputs', 0], 'notes', FORMATTING, true)), { inputs: ['notes', 'script', 'footage'] });
    assert.equal(withValueSet(text, ['inputs', 2], 'notes', FORMATTING, true), '{ "inputs": ["script", "footage", "notes"] }');
    assert.equal(withValueSet(text, ['inputs', 0], undefined, FORMATTING), '{ "inputs": ["footage"] }');
  });
});

describe('a sidecar with a misspelled field', () => {
  const SCRIPT = '/prod/scene.fountain';
  const SIDECAR = `${SCRIPT}.ai.json`;

  it('is warned of at the key, naming the field it looks like, and is left exactly as written', async () => {
    const sidecar = sidecarWith(compliantUse({ id: 'still', description: 'Rain on glass' }));
    const text = serializeSidecar(sidecar).replace('"description":', '"myNote": "kept",\n      "Description":');
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
    const { findings } = await checkSidecar(fs, SIDECAR, [SCRIPT]);
    const misspelled = findings.filter((f) => f.rule === 'misspelled-field');
    const lines = text.split('\n');
    const row = lines.findIndex((line) => line.includes('"Description"'));
    assert.deepEqual(
      misspelled.map((f) => [f.start, f.severity, f.useId, f.message]),
      [
        [
          { line: row + 1, column: lines[row].indexOf('"Description"') + 1 },
          'warning',
          'still',
          '"uses[0].Description" is not a field AI Disclosure reads; did you mean "description"? It is kept as written, but not read',
        ],
      ],
    );
    assert.equal(fs.text(SIDECAR), text);
  });

  it('is warned of on every re-check while the sidecar is unchanged, and no more once it is corrected', async () => {
    const text = serializeSidecar(sidecarWith(compliantUse({ id: 'still', description: 'Rain' }))).replace(
      '"description":',
      '"Description":',
    );
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
    // As the editor re-checks on each keystroke in the script: the parsed sidecar kept while its bytes stay the same.
    const caches = { sidecars: new Map() as SidecarMemo };
    const misspelled = async () =>
      (await checkSidecar(fs, SIDECAR, [SCRIPT], undefined, undefined, caches)).findings
        .filter((f) => f.rule === 'misspelled-field')
        .map((f) => [f.start.line, f.message]);
    const first = await misspelled();
    assert.equal(first.length, 1);
    assert.deepEqual(await misspelled(), first);
    assert.deepEqual(await misspelled(), first);
    await fs.writeFile(SIDECAR, new TextEncoder().encode(text.replace('"Description":', '"description":')));
    assert.deepEqual(await misspelled(), []);
    await fs.writeFile(SIDECAR, new TextEncoder().encode(text));
    assert.deepEqual(await misspelled(), first);
  });

  it('is warned of where written beside the object it belongs in, naming where it goes, with no rename offered', async () => {
    const text = serializeSidecar(sidecarWith(compliantUse({ id: 'still' }))).replace('"purpose":', '"vendor": "Acme",\n      "purpose":');
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
    const { findings } = await checkSidecar(fs, SIDECAR, [SCRIPT]);
    const [misplaced] = findings.filter((f) => f.rule === 'misspelled-field');
    assert.deepEqual(
      [misplaced.message, misplaced.misspelled],
      [
        '"uses[0].vendor" is written beside "tool" but belongs inside it, as "uses[0].tool.vendor"; it is kept as written, but not read',
        { path: ['uses', 0, 'vendor'], meant: 'vendor', into: 'tool' },
      ],
    );
    assert.equal(fs.text(SIDECAR), text);
  });

  it('is not warned of in a sidecar a newer release wrote, whose fields this release may not know', async () => {
    const text = serializeSidecar(sidecarWith(compliantUse({ description: 'Rain' })))
      .replace('"version": 1', '"version": 2')
      .replace('"description":', '"Description":');
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
    const { findings } = await checkSidecar(fs, SIDECAR, [SCRIPT]);
    assert.ok(!findings.some((f) => f.rule === 'misspelled-field'), JSON.stringify(findings.map((f) => f.rule)));
  });

  it('is renamed where it stands, as its finding suggests, every other byte of a hand-laid file kept', async () => {
    const handLaid = serializeSidecar(sidecarWith(compliantUse({ id: 'still', description: 'Rain' })))
      .replace('"description": "Rain"', '"Descripton":   "Rain"')
      .replace(/\n {6}"keyCreative"/, ' "keyCreative"');
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: handLaid });
    const [finding] = (await checkSidecar(fs, SIDECAR, [SCRIPT])).findings.filter((f) => f.rule === 'misspelled-field');
    assert.deepEqual(finding.misspelled, { path: ['uses', 0, 'Descripton'], meant: 'description' });
    await updateSidecar(fs, SIDECAR, (sidecar) => renameField(sidecar, finding.misspelled!.path, finding.misspelled!.meant));
    assert.equal(fs.text(SIDECAR), handLaid.replace('"Descripton":', '"description":'), 'only the key changed, where it stands');
    assert.ok(!(await checkSidecar(fs, SIDECAR, [SCRIPT])).findings.some((f) => f.rule === 'misspelled-field'));
  });

  it('is moved inside the object it belongs in, as its finding suggests, the rest of a hand-laid file kept', async () => {
    const handLaid = serializeSidecar(sidecarWith(compliantUse({ id: 'still' }))).replace(
      '"purpose":',
      '"vendor":  "Acme",\n      "purpose":',
    );
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: handLaid });
    const [finding] = (await checkSidecar(fs, SIDECAR, [SCRIPT])).findings.filter((f) => f.rule === 'misspelled-field');
    const { path, meant, into } = finding.misspelled!;
    await updateSidecar(fs, SIDECAR, (sidecar) => renameField(sidecar, path, meant, into));
    const moved = fs.text(SIDECAR) ?? '';
    assert.equal(moved.replace(/,\n\s*"vendor": "Acme"/, ''), handLaid.replace('"vendor":  "Acme",\n      ', ''), 'nothing else changed');
    assert.match(moved, /"tool": \{[^}]*"vendor": "Acme"/);
    assert.ok(!(await checkSidecar(fs, SIDECAR, [SCRIPT])).findings.some((f) => f.rule === 'misspelled-field'));
    // Written inside already: which one is right is the person's call.
    const twice = handLaid.replace('"name": "ScriptMate"', '"name": "ScriptMate", "vendor": "Other"');
    const refusing = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: twice });
    await assert.rejects(
      updateSidecar(refusing, SIDECAR, (sidecar) => renameField(sidecar, path, meant, into)),
      /"vendor" is written in uses\[0\]\.tool already: keep the one that is right and delete the other; nothing was changed/,
    );
    assert.equal(refusing.text(SIDECAR), twice);
  });

  it('is not renamed over a field written beside it, nor into a field its value does not fit: nothing changes', async () => {
    const both = serializeSidecar(sidecarWith(compliantUse({ description: 'Rain' }))).replace(
      '"description":',
      '"Description": "Sea",\n      "description":',
    );
    const wrongValue = serializeSidecar(sidecarWith(compliantUse())).replace(
      '"keyCreative": "no"',
      '"keyCreative": "no",\n      "Approval": 42',
    );
    for (const [text, refusal] of [
      [both, /"Description" and "description" are both written in uses\[0\]: keep the one that is right/],
      [wrongValue, /what "Approval" holds does not fit "approval" \(uses\[0\]\.approval: /],
    ] as const) {
      const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
      const key = /"(Description|Approval)"/.exec(text)![1];
      await assert.rejects(
        updateSidecar(fs, SIDECAR, (sidecar) => renameField(sidecar, ['uses', 0, key], key.toLowerCase())),
        refusal,
      );
      assert.equal(fs.text(SIDECAR), text);
    }
  });
});

describe('a suppression of a rule not checked here', () => {
  const SCRIPT = '/prod/scene.fountain';
  const SIDECAR = `${SCRIPT}.ai.json`;
  const withSuppression = (rule: string) =>
    serializeSidecar(sidecarWith(compliantUse({ id: 'still', suppressions: [{ rule, reason: 'told by phone' }] })));

  it('is warned of at the rule id, naming the rule it looks like, while the finding it was meant for still shows', async () => {
    const text = withSuppression('notify-contacts');
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: text });
    const { findings } = await checkSidecar(fs, SIDECAR, [SCRIPT]);
    const [unknown] = findings.filter((f) => f.rule === 'unknown-rule');
    const lines = text.split('\n');
    const row = lines.findIndex((line) => line.includes('"notify-contacts"'));
    assert.deepEqual(
      [unknown.start, unknown.severity, unknown.useId, unknown.message],
      [
        { line: row + 1, column: lines[row].indexOf('"notify-contacts"') + 1 },
        'warning',
        'still',
        'AI use "still" suppresses "notify-contacts", which is not a rule checked here; did you mean "notify-contact"? The suppression takes nothing off',
      ],
    );
    assert.deepEqual(unknown.suppressed, { rule: 'notify-contacts', meant: 'notify-contact' });
    assert.ok(
      findings.some((f) => f.rule === 'notify-contact'),
      'the finding it was meant for still shows',
    );
  });

  it('is not warned of when the rule is checked here', async () => {
    const fs = new MemoryFileSystem({ [SCRIPT]: 'INT. CAFE - DAY\n', [SIDECAR]: withSuppression('notify-contact') });
    const { findings } = await checkSidecar(fs, SIDECAR, [SCRIPT]);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'unknown-rule' || f.rule === 'notify-contact'),
      [],
    );
  });
});
