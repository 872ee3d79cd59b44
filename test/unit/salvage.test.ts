import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { SidecarInvalidError, updateUse } from '../../src/core/sidecar/store';
import { checkProduction } from '../../src/core/workspace/production';
import { compliantUse, sidecarWith } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Three uses, the middle one with a mistyped key for a required field ("finale" for "final"). */
function oneMistypedUse(): string {
  const text = serializeSidecar(
    sidecarWith(
      compliantUse({ id: 'a', title: 'First' }),
      compliantUse({ id: 'b', title: 'Broken' }),
      compliantUse({ id: 'c', final: 'yes' }),
    ),
  );
  const at = text.indexOf('"final"', text.indexOf('"id": "b"'));
  return `${text.slice(0, at)}"finale"${text.slice(at + '"final"'.length)}`;
}

describe('one mistyped use does not hide the others', () => {
  it('reads the uses that validate, with their places in the file', () => {
    const text = oneMistypedUse();
    const result = parseSidecar(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.problems[0].message, /uses\[1\]\.final/);
    const salvage = result.salvage;
    assert.ok(salvage, 'the other uses are read');
    assert.deepEqual(
      salvage.sidecar.uses.map((use) => use.id),
      ['a', 'c'],
    );
    // uses[1] of what was read is uses[2] in the file.
    const line = text.split('\n').findIndex((l) => l.includes('"id": "c"')) + 1;
    assert.equal(salvage.locate(['uses', 1, 'id']).start.line, line);
  });

  it('reads the uses as the same file without the mistyped use reads them, defaults filled in', () => {
    const text = oneMistypedUse();
    const result = parseSidecar(text);
    const without = parseSidecar(
      serializeSidecar(sidecarWith(compliantUse({ id: 'a', title: 'First' }), compliantUse({ id: 'c', final: 'yes' }))),
    );
    assert.ok(!result.ok && result.salvage && without.ok);
    assert.deepEqual(result.salvage.sidecar, without.sidecar);
  });

  it('reads nothing past a syntax error or a problem outside the uses; of two uses with one id, the first', () => {
    const broken = (text: string) => {
      const result = parseSidecar(text);
      return result.ok ? 'ok' : result.salvage;
    };
    assert.equal(broken(`${oneMistypedUse().slice(0, -3)}`), undefined);
    assert.equal(broken(oneMistypedUse().replace('"version": 1', '"version": "one"')), undefined);
    const twice = broken(serializeSidecar(sidecarWith(compliantUse(), compliantUse({ purpose: 'second' }))));
    assert.ok(twice && twice !== 'ok');
    assert.deepEqual(
      twice.sidecar.uses.map((use) => use.purpose),
      ['temp dialogue'],
    );
  });

  it('checks, counts and reports the valid uses beside the problem, and still refuses to write the file', async () => {
    const fs = new MemoryFileSystem({ '/prod/still.png': 'pixels', '/prod/still.png.ai.json': oneMistypedUse() });
    const result = await checkProduction(fs, '/prod');
    assert.deepEqual(
      result.uses.map((record) => record.use.id),
      ['a', 'c'],
    );
    const invalid = result.findings.filter((finding) => finding.rule === 'invalid-sidecar');
    assert.equal(invalid.length, 1);
    assert.match(invalid[0].message, /uses\[1\]\.final/);
    assert.ok(
      result.findings.some((finding) => finding.rule === 'final-deliverable' && finding.useId === 'c'),
      'use c is still checked',
    );
    const before = fs.text('/prod/still.png.ai.json');
    await assert.rejects(
      updateUse(fs, '/prod/still.png.ai.json', 'a', (use) => (use.final = 'no')),
      SidecarInvalidError,
    );
    assert.equal(fs.text('/prod/still.png.ai.json'), before, 'nothing written while the file has a problem');
  });
});
