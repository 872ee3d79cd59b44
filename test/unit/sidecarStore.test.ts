import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { writeTextAtomic } from '../../src/core/fs/fileSystem';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import {
  ChangeInvalidError,
  MAX_SIDECAR_BYTES,
  moveSidecar,
  NewerFormatError,
  SidecarInvalidError,
  SidecarTooLargeError,
  updateSidecar,
  updateUse,
} from '../../src/core/sidecar/store';
import { checkSidecar } from '../../src/core/workspace/check';
import { compliantUse, sidecarWith, temporaryFolder } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SIDECAR = '/prod/scene.fountain.ai.json';

describe('sidecar store: atomic writes that never lose data', () => {
  it('writes through a temporary file and a rename', async () => {
    const fs = new MemoryFileSystem();
    await writeTextAtomic(fs, '/prod/a.json', 'new');
    assert.equal(fs.log.length, 2);
    assert.match(fs.log[0], /^write \/prod\/a\.json\..*\.tmp$/);
    assert.match(fs.log[1], /^rename .*\.tmp -> \/prod\/a\.json$/);
    assert.equal(fs.text('/prod/a.json'), 'new');
  });

  it('leaves the old file whole and no temporary behind when the write fails', async () => {
    const before = serializeSidecar(sidecarWith(compliantUse()));
    const fs = new MemoryFileSystem({ [SIDECAR]: before });
    fs.failOn = { operation: 'writeFile', path: /\.tmp$/ };
    await assert.rejects(
      updateSidecar(fs, SIDECAR, (s) => s.uses.push(compliantUse({ id: 'use-2' }))),
      /ENOSPC/,
    );
    assert.equal(fs.text(SIDECAR), before);
    assert.deepEqual([...fs.files.keys()], [SIDECAR]);
  });

  it('leaves the old file whole when the rename fails', async () => {
    const before = serializeSidecar(sidecarWith(compliantUse()));
    const fs = new MemoryFileSystem({ [SIDECAR]: before });
    fs.failOn = { operation: 'rename' };
    await assert.rejects(updateSidecar(fs, SIDECAR, (s) => s.uses.push(compliantUse({ id: 'use-2' }))));
    assert.equal(fs.text(SIDECAR), before);
    assert.deepEqual([...fs.files.keys()], [SIDECAR], 'the temporary file is cleaned up');
  });

  it('never overwrites a sidecar that does not validate, and says where it is wrong', async () => {
    const broken = '{\n  "version": 1,\n  "uses": [ { "id": "x" ]\n}\n';
    const fs = new MemoryFileSystem({ [SIDECAR]: broken });
    await assert.rejects(
      updateSidecar(fs, SIDECAR, (s) => s.uses.push(compliantUse())),
      (error: unknown) => error instanceof SidecarInvalidError && /scene\.fountain\.ai\.json:3:\d+: .*not changed/.test(error.message),
    );
    assert.equal(fs.text(SIDECAR), broken);
    assert.equal(fs.log.length, 0, 'nothing was written at all');
  });

  it('refuses a change that would leave the sidecar invalid, and writes nothing', async () => {
    const before = serializeSidecar(sidecarWith(compliantUse()));
    const fs = new MemoryFileSystem({ [SIDECAR]: before });
    await assert.rejects(
      updateUse(fs, SIDECAR, 'use-1', (use) => ((use as Record<string, unknown>).created = 'last Tuesday')),
      (error: unknown) => error instanceof ChangeInvalidError && /created.*nothing was changed/.test(error.message),
    );
    assert.equal(fs.text(SIDECAR), before);
    assert.equal(fs.log.length, 0, 'nothing was written at all');
  });

  it('keeps a CRLF sidecar CRLF when it rewrites it', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: serializeSidecar(sidecarWith(compliantUse()), '\r\n') });
    await updateUse(fs, SIDECAR, 'use-1', (use) => (use.final = 'yes'));
    const text = fs.text(SIDECAR)!;
    assert.ok(text.includes('"final": "yes"'));
    assert.ok(!/[^\r]\n/.test(text));
  });

  it('does not touch the file when a change changes nothing', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: serializeSidecar(sidecarWith(compliantUse())) });
    await updateUse(fs, SIDECAR, 'use-1', (use) => (use.final = 'no'));
    assert.equal(fs.log.length, 0);
  });

  it('fails clearly when the use to change was removed meanwhile', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: serializeSidecar(sidecarWith(compliantUse())) });
    await assert.rejects(
      updateUse(fs, SIDECAR, 'gone', () => undefined),
      /no use with id "gone"/,
    );
  });

  it('replaces the file on a real disk atomically, leaving no temporary files', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const file = `${dir}/x.png.ai.json`;
      writeFileSync(file, serializeSidecar(sidecarWith(compliantUse())));
      await updateUse(nodeFileSystem, file, 'use-1', (use) => (use.purpose = 'changed'));
      assert.match(readFileSync(file, 'utf8'), /"purpose": "changed"/);
      const { readdirSync } = await import('node:fs');
      assert.deepEqual(readdirSync(dir), ['x.png.ai.json']);
    } finally {
      cleanup();
    }
  });
});

describe('moving a sidecar with its file', () => {
  const sidecarFor = (file: string) =>
    `${JSON.stringify({ version: 1, subject: { file, sha256: 'a'.repeat(64) }, uses: [compliantUse({ id: 'key-art' })] }, null, 2)}\n`;

  it('moves the sidecar beside the renamed file and records the new name', async () => {
    const fs = new MemoryFileSystem({ '/prod/art/old.png.ai.json': sidecarFor('old.png') });
    const moved = await moveSidecar(fs, '/prod/art/old.png.ai.json', '/prod/art/renamed.png');
    assert.equal(moved, '/prod/art/renamed.png.ai.json');
    assert.equal(fs.text('/prod/art/old.png.ai.json'), undefined);
    const data = JSON.parse(fs.text(moved)!);
    assert.equal(data.subject.file, 'renamed.png');
    assert.equal(data.subject.sha256, 'a'.repeat(64));
    assert.equal(data.uses[0].id, 'key-art');
  });

  it('changes only the name in a sidecar laid out by hand', async () => {
    const use = JSON.stringify(compliantUse({ id: 'key-art' }));
    const handWritten = `{"version": 1,\n\t"subject": {"file": "old.png",   "sha256": "${'a'.repeat(64)}"},\n\t"uses": [${use}]}\n`;
    const fs = new MemoryFileSystem({ '/prod/art/old.png.ai.json': handWritten });
    const moved = await moveSidecar(fs, '/prod/art/old.png.ai.json', '/prod/art/renamed.png');
    assert.equal(fs.text(moved), handWritten.replace('"old.png"', '"renamed.png"'));
  });

  it('writes the new sidecar before deleting the old one, so a failure leaves the old one whole', async () => {
    const fs = new MemoryFileSystem({ '/prod/old.png.ai.json': sidecarFor('old.png') });
    fs.failOn = { operation: 'rename', path: /new\.png\.ai\.json$/ };
    await assert.rejects(moveSidecar(fs, '/prod/old.png.ai.json', '/prod/new.png'), /ENOSPC/);
    assert.equal(fs.text('/prod/old.png.ai.json'), sidecarFor('old.png'));
  });

  it('never overwrites a sidecar already beside the new file', async () => {
    const fs = new MemoryFileSystem({ '/prod/old.png.ai.json': sidecarFor('old.png'), '/prod/new.png.ai.json': sidecarFor('new.png') });
    await assert.rejects(moveSidecar(fs, '/prod/old.png.ai.json', '/prod/new.png'), /already exists/);
    assert.equal(fs.text('/prod/new.png.ai.json'), sidecarFor('new.png'));
    assert.equal(fs.text('/prod/old.png.ai.json'), sidecarFor('old.png'));
  });

  it('moves a sidecar that does not validate byte for byte', async () => {
    const broken = '{ "version": 1, "uses": [ \xff';
    const fs = new MemoryFileSystem({ '/prod/old.png.ai.json': broken });
    await moveSidecar(fs, '/prod/old.png.ai.json', '/prod/new.png');
    assert.equal(fs.text('/prod/new.png.ai.json'), broken);
  });
});

describe('a sidecar from a newer release', () => {
  const newer = `${JSON.stringify({ version: 2, uses: [compliantUse({ id: 'from-v2' })], signedBy: 'studio' }, null, 2)}\n`;

  it('is never written back, so it is never downgraded', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: newer });
    await assert.rejects(
      updateUse(fs, SIDECAR, 'from-v2', (use) => (use.final = 'no')),
      (error: unknown) => error instanceof NewerFormatError && /format version 2.*does not change it/.test(error.message),
    );
    assert.equal(fs.text(SIDECAR), newer);
    assert.deepEqual(fs.log, []);
  });

  it('moves with its file byte for byte', async () => {
    const fs = new MemoryFileSystem({ '/prod/a.png.ai.json': newer });
    await moveSidecar(fs, '/prod/a.png.ai.json', '/prod/b.png');
    assert.equal(fs.text('/prod/b.png.ai.json'), newer);
  });
});

describe('byte fidelity: a write changes only what it means to', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('keeps a byte-order mark and CRLF line endings through a write', async () => {
    const fs = new MemoryFileSystem();
    fs.files.set(SIDECAR, encode('\uFEFF' + serializeSidecar(sidecarWith(compliantUse()), '\r\n')));
    await updateSidecar(fs, SIDECAR, (s) => void s.uses.push(compliantUse({ id: 'use-2' })));
    const bytes = fs.files.get(SIDECAR)!;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.ok(!/[^\r]\n/.test(new TextDecoder().decode(bytes)), 'every line still ends in CRLF');
  });

  it('edits a sidecar laid out by hand only where the change is, keeping every other byte', async () => {
    const handWritten = [
      '{ "version": 1,',
      '\t"subject": {"file": "scene.fountain"},   "x-note": "kept as typed",',
      '\t"uses": [',
      '\t\t{"id": "a", "tool": {"name": "T", "environment": "enterprise", "retainsInputs": "no", "trainsOnInputs": "no"},',
      '\t\t "purpose": "Sky",   "final": "no", "keyCreative": "no", "inputs": [], "suppressions": [], "created": "2026-11-01"},',
      '\t\t{"id": "b", "tool": {"name": "T", "environment": "enterprise", "retainsInputs": "no", "trainsOnInputs": "no"},',
      '\t\t "purpose": "Sea", "final": "no", "keyCreative": "no", "inputs": [], "suppressions": [], "created": "2026-11-02"}',
      '\t]',
      '}',
      '',
    ].join('\n');
    const fs = new MemoryFileSystem({ [SIDECAR]: handWritten });
    await updateUse(fs, SIDECAR, 'b', (use) => void (use.notified = { date: '2026-12-04' }));
    const noted = fs.text(SIDECAR)!;
    assert.ok(noted.startsWith(handWritten.slice(0, handWritten.indexOf('{"id": "b"'))), 'everything before the changed use is as it was');
    assert.match(noted, /"created": "2026-11-02",\s*"notified": \{\s*"date": "2026-12-04"\s*\}\s*\}/);
    assert.equal(JSON.parse(noted).uses[1].notified.date, '2026-12-04');

    await updateSidecar(fs, SIDECAR, (s) => void s.uses.push(compliantUse({ id: 'c' })));
    const added = fs.text(SIDECAR)!;
    assert.ok(added.startsWith(noted.slice(0, noted.lastIndexOf('}') - 4)), 'the uses before are untouched');
    assert.deepEqual(
      JSON.parse(added).uses.map((u: { id: string }) => u.id),
      ['a', 'b', 'c'],
    );

    await updateSidecar(fs, SIDECAR, (s) => void (s.uses = s.uses.filter((u) => u.id !== 'a')));
    const removed = fs.text(SIDECAR)!;
    assert.ok(removed.includes('"x-note": "kept as typed"') && removed.includes('{ "version": 1,'), 'the header is as typed');
    assert.deepEqual(
      JSON.parse(removed).uses.map((u: { id: string }) => u.id),
      ['b', 'c'],
    );
  });

  it('keeps an object or a list typed on one line on its line when a field or an item is added or taken out', async () => {
    const line = (text: string, key: string) =>
      text
        .split('\n')
        .find((l) => l.includes(`"${key}"`))
        ?.trim();
    const handWritten = [
      '{',
      '  "version": 1,',
      '  "subject": { "file": "scene.fountain" },',
      '  "uses": [',
      '    {',
      '      "id": "a",',
      '      "tool": { "name": "T", "environment": "enterprise", "retainsInputs": "no", "trainsOnInputs": "no" },',
      '      "purpose": "Sky", "final": "no", "keyCreative": "no",',
      '      "inputs": ["script", "footage"],',
      '      "suppressions": [],',
      '      "created": "2026-11-01"',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const fs = new MemoryFileSystem({ [SIDECAR]: handWritten });
    await updateUse(fs, SIDECAR, 'a', (use) => {
      use.tool.version = '4.2 {"beta"}';
      use.inputs.push('personal-data');
    });
    const added = fs.text(SIDECAR)!;
    assert.equal(
      line(added, 'tool'),
      '"tool": { "name": "T", "environment": "enterprise", "retainsInputs": "no", "trainsOnInputs": "no", "version": "4.2 {\\"beta\\"}" },',
    );
    assert.equal(line(added, 'inputs'), '"inputs": ["script", "footage", "personal-data"],');
    assert.equal(added.split('\n').length, handWritten.split('\n').length, 'no line added');

    await updateUse(fs, SIDECAR, 'a', (use) => {
      delete use.tool.version;
      use.inputs = ['footage'];
      use.notified = { date: '2026-12-04' };
    });
    const changed = fs.text(SIDECAR)!;
    assert.equal(
      changed.replace(',\n      "notified": {\n        "date": "2026-12-04"\n      }', ''),
      handWritten.replace('"script", ', ''),
    );
  });

  it('leaves alone what is unchanged but typed in another order than the format writes it', async () => {
    const handWritten = [
      '{"uses": [',
      '  {"created": "2026-11-01", "id": "a", "purpose": "Sky", "final": "no", "keyCreative": "no", "suppressions": [], "inputs": [],',
      '   "tool": {"trainsOnInputs": "no", "retainsInputs": "no", "environment": "enterprise", "name": "T"}, "x-note": 1},',
      '  {"id": "b", "tool": {"name": "T", "environment": "enterprise", "retainsInputs": "no", "trainsOnInputs": "no"},',
      '   "purpose": "Sea", "final": "no", "keyCreative": "no", "created": "2026-11-02"}',
      ' ],',
      ' "subject": {"x-shot": "12A", "file": "scene.fountain"}, "version": 1}',
      '',
    ].join('\n');
    const fs = new MemoryFileSystem({ [SIDECAR]: handWritten });
    await updateUse(fs, SIDECAR, 'b', (use) => void (use.purpose = 'Sea at dusk'));
    assert.equal(fs.text(SIDECAR), handWritten.replace('"Sea"', '"Sea at dusk"'));
  });

  it('reports invalid UTF-8 at its line and column, and never rewrites the file', async () => {
    const text = serializeSidecar(sidecarWith(compliantUse({ purpose: 'Caf_ sign' })));
    const bytes = encode(text);
    const at = text.indexOf('_');
    bytes[at] = 0xe9; // Latin-1 "é", not UTF-8
    const fs = new MemoryFileSystem({ '/prod/scene.fountain': 'INT. CAFE - DAY\n' });
    fs.files.set(SIDECAR, bytes);
    const { findings } = await checkSidecar(fs, SIDECAR, ['/prod/scene.fountain']);
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.start.line, f.start.column]),
      [['invalid-sidecar', line, column]],
    );
    assert.match(findings[0].message, new RegExp(`invalid UTF-8 at byte ${at} \\(0xE9 0x20`));
    await assert.rejects(
      updateSidecar(fs, SIDECAR, (s) => void s.uses.push(compliantUse({ id: 'use-2' }))),
      SidecarInvalidError,
    );
    assert.deepEqual(fs.files.get(SIDECAR), bytes, 'not a byte changed');
  });

  for (const [name, bom, encoding] of [
    ['UTF-16 (little-endian)', [0xff, 0xfe], 'utf-16le'],
    ['UTF-16 (little-endian)', [], 'utf-16le'],
    ['UTF-16 (big-endian)', [0xfe, 0xff], 'utf-16be'],
  ] as const) {
    it(`names a sidecar saved as ${name}${bom.length ? '' : ' without a BOM'} in one finding`, async () => {
      const text = serializeSidecar(sidecarWith(compliantUse()));
      const wide = Buffer.from(text, 'utf16le');
      if (encoding === 'utf-16be') wide.swap16();
      const fs = new MemoryFileSystem({ '/prod/scene.fountain': 'INT. CAFE - DAY\n' });
      fs.files.set(SIDECAR, new Uint8Array([...bom, ...wide]));
      const { findings } = await checkSidecar(fs, SIDECAR, ['/prod/scene.fountain']);
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, new RegExp(`the file is ${name.replace(/[()]/g, '\\$&')}; AI Disclosure reads UTF-8`));
    });
  }
});

describe('size limits, reported where the person looks', () => {
  it('refuses, before writing, a change that would make a sidecar larger than it reads back', async () => {
    const before = serializeSidecar(sidecarWith(compliantUse()));
    const fs = new MemoryFileSystem({ [SIDECAR]: before });
    await assert.rejects(
      updateSidecar(fs, SIDECAR, (s) => void (s.uses[0].description = 'x'.repeat(MAX_SIDECAR_BYTES))),
      (error: unknown) =>
        error instanceof SidecarTooLargeError && /past the 8\.0 MB AI Disclosure reads; nothing was changed/.test(error.message),
    );
    assert.equal(fs.text(SIDECAR), before);
    assert.deepEqual([...fs.files.keys()], [SIDECAR], 'no temporary file left');
  });

  it('writes deeply nested data it does not know compactly, so a rewrite cannot multiply its size', async () => {
    let nested: unknown = 1;
    for (let level = 0; level < 150; level++) nested = [nested];
    const compact = JSON.stringify({ version: 1, uses: [], extra: Array.from({ length: 200 }, () => nested) });
    const fs = new MemoryFileSystem({ [SIDECAR]: compact });
    await updateSidecar(fs, SIDECAR, (s) => void s.uses.push(compliantUse()));
    const written = fs.text(SIDECAR)!;
    // Indented at every level, each of the 200 values would take about 45 KB.
    assert.ok(written.length < 2 * compact.length, `${compact.length} bytes became ${written.length}`);
    assert.deepEqual(JSON.parse(written).extra, JSON.parse(compact).extra, 'the data itself is kept');
  });

  it('does not read a sidecar over the limit, reports it at its start, and never writes it', async () => {
    const { checkSidecar } = await import('../../src/core/workspace/check');
    const { MAX_SIDECAR_BYTES } = await import('../../src/core/sidecar/store');
    const huge = `{"version":1,"uses":[],"padding":"${'x'.repeat(MAX_SIDECAR_BYTES)}"}`;
    const fs = new MemoryFileSystem({ '/prod/plate.png': 'png', '/prod/plate.png.ai.json': huge });
    const { findings } = await checkSidecar(fs, '/prod/plate.png.ai.json', ['/prod/plate.png']);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.start.line, f.start.column]),
      [['invalid-sidecar', 1, 1]],
    );
    assert.match(
      findings[0].message,
      /the sidecar is 8\.0 MB; AI Disclosure reads sidecars up to 8\.0 MB, so it was not read \(nor changed\)/,
    );
    await assert.rejects(
      updateSidecar(fs, '/prod/plate.png.ai.json', () => undefined),
      SidecarInvalidError,
    );
    assert.equal(fs.text('/prod/plate.png.ai.json'), huge);
  });

  it('keeps checking the uses of a script too large to read, and says its tags are not placed', async () => {
    const { checkSidecar, MAX_SCRIPT_BYTES } = await import('../../src/core/workspace/check');
    const script = '/prod/epic.fountain';
    const fs = new MemoryFileSystem({
      [script]: 'INT. HALL - DAY\n',
      [`${script}.ai.json`]: serializeSidecar(sidecarWith(compliantUse({ id: 'long-one', final: 'yes' }))),
    });
    const stat = fs.stat.bind(fs);
    fs.stat = async (file) => (file === script ? { type: 'file', size: MAX_SCRIPT_BYTES + 1, mtimeMs: 0 } : stat(file));
    const { findings } = await checkSidecar(fs, `${script}.ai.json`, [script]);
    const tooLarge = findings.find((f) => f.rule === 'file-too-large');
    assert.match(
      tooLarge?.message ?? '',
      /"epic\.fountain" is 16\.0 MB; scripts are read up to 16\.0 MB, so its tagged passages are not placed/,
    );
    assert.ok(
      findings.some((f) => f.rule === 'final-deliverable' && f.useId === 'long-one'),
      'the guidelines still apply',
    );
  });
});

describe('re-checks of kept sidecars', () => {
  it('keep equal findings as the objects found before, and the list itself when nothing changed', async () => {
    const { keepEqualFindings } = await import('../../src/core/findings');
    const at = (line: number, message = 'No AI use recorded') => ({
      file: '/prod/a.png',
      start: { line, column: 1 },
      end: { line, column: 2 },
      rule: 'undeclared-ai-asset' as const,
      severity: 'warning' as const,
      message,
      related: [],
    });
    const before = [at(1), at(2)];
    assert.equal(keepEqualFindings(before, [at(1), at(2)]), before, 'all equal: the same list');
    const moved = keepEqualFindings(before, [at(1), at(3)]);
    assert.notEqual(moved, before);
    assert.equal(moved[0], before[0], 'an equal finding is the object found before');
    assert.notEqual(moved[1], before[1]);
    assert.notEqual(keepEqualFindings(before, [at(1), at(2, 'Another message')])[1], before[1], 'every field counts, not only the place');
    const none: never[] = [];
    assert.equal(keepEqualFindings(none, []), none, 'none before and none now: the same list');
    assert.deepEqual(keepEqualFindings(before, []), []);
    // As after a keystroke: some findings the very objects they were, one made again, one new.
    const three = [at(1), at(2), at(3)];
    const mixed = keepEqualFindings(three, [three[0], at(2), at(4)]);
    assert.deepEqual(mixed, [at(1), at(2), at(4)]);
    assert.equal(mixed[0], three[0]);
    assert.equal(mixed[1], three[1], 'made again, equal: the object found before');
    assert.equal(keepEqualFindings(three, [three[0], at(2), three[2]]), three, 'all equal, some made again: the same list');
  });

  it('give back the same finding objects for an unchanged sidecar, file or folder, integrity findings included', async () => {
    const { checkSidecar } = await import('../../src/core/workspace/check');
    const { KeptChecks } = await import('../../src/core/workspace/useFindings');
    const consumerTool = (id: string, files?: string[]) =>
      compliantUse({ id, files, tool: { name: 'Gen', environment: 'consumer', retainsInputs: 'unknown', trainsOnInputs: 'unknown' } });
    const files = ['/prod/plates/a.exr', '/prod/plates/b.exr', '/prod/still.png'];
    const fs = new MemoryFileSystem({
      '/prod/plates/a.exr': 'a',
      '/prod/plates/b.exr': 'b',
      '/prod/plates/.ai.json': serializeSidecar(sidecarWith(consumerTool('plates', ['*.exr']))),
      '/prod/still.png': 'png',
      '/prod/still.png.ai.json': serializeSidecar({ ...sidecarWith(consumerTool('still')), subject: { file: 'still.png' } }),
      // Integrity findings too: this one describes a file of another name, and a glob matches nothing.
      '/prod/renamed.png': 'png',
      '/prod/renamed.png.ai.json': serializeSidecar({ ...sidecarWith(consumerTool('renamed')), subject: { file: 'before.png' } }),
      '/prod/empty/.ai.json': serializeSidecar(sidecarWith(consumerTool('nothing', ['*.mov']))),
    });
    files.push('/prod/renamed.png');
    // What an editor keeps between checks; a check run once keeps nothing, and makes new objects.
    const caches = { sidecars: new Map(), memory: new KeptChecks() };
    for (const sidecar of ['/prod/plates/.ai.json', '/prod/still.png.ai.json', '/prod/renamed.png.ai.json', '/prod/empty/.ai.json']) {
      const first = await checkSidecar(fs, sidecar, files, undefined, undefined, caches);
      const again = await checkSidecar(fs, sidecar, files, undefined, undefined, caches);
      assert.ok(first.findings.length > 0, sidecar);
      if (sidecar.includes('renamed') || sidecar.includes('empty'))
        assert.ok(
          first.findings.some((f) => f.rule === 'missing-subject'),
          sidecar,
        );
      assert.ok(
        first.findings.every((finding, i) => finding === again.findings[i]),
        `${sidecar}: the same objects (an editor then re-sends nothing)`,
      );
      const once = await checkSidecar(fs, sidecar, files);
      assert.deepEqual(once.findings, first.findings, `${sidecar}: checked once, the same findings`);
      assert.ok(
        once.findings.every((finding, i) => finding !== first.findings[i]),
        `${sidecar}: checked once, new objects`,
      );
      // Changed text: parsed again, found again.
      await fs.writeFile(sidecar, new TextEncoder().encode(fs.text(sidecar)!.replace('"Gen"', '"Gen 2"')));
      const changed = await checkSidecar(fs, sidecar, files, undefined, undefined, caches);
      assert.ok(
        changed.findings.every((finding, i) => finding !== first.findings[i]),
        `${sidecar}: new findings after an edit`,
      );
    }
  });
});
