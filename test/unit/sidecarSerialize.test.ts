import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { detectLineEnding, serializeSidecar } from '../../src/core/sidecar/serialize';
import { compliantUse, sidecarWith } from '../support/fixtures';

describe('sidecar serialisation', () => {
  it('writes keys in schema order whatever order they were set in', () => {
    const use = compliantUse();
    const shuffled = Object.fromEntries(Object.entries(use).reverse()) as typeof use;
    const text = serializeSidecar({ uses: [shuffled], subject: { file: 'a.png' }, version: 1 });
    const keys = Object.keys(JSON.parse(text).uses[0]);
    assert.deepEqual(keys.slice(0, 4), ['id', 'tool', 'purpose', 'final']);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['version', 'subject', 'uses']);
  });

  it('ends with a single trailing newline and two-space indent', () => {
    const text = serializeSidecar(sidecarWith(compliantUse()));
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.match(text, /^{\n {2}"version": 1,/);
  });

  for (const eol of ['\n', '\r\n'] as const) {
    it(`round-trips losslessly with ${eol === '\n' ? 'LF' : 'CRLF'} line endings`, () => {
      const text = serializeSidecar(sidecarWith(compliantUse({ description: 'two\nlines' })), eol);
      assert.equal(detectLineEnding(text), eol);
      const parsed = parseSidecar(text);
      assert.ok(parsed.ok);
      assert.equal(serializeSidecar(parsed.sidecar, eol), text, 'serialise(parse(x)) === x');
      assert.equal(parsed.sidecar.uses[0].description, 'two\nlines', 'newlines inside strings are data, not line endings');
      if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(text), 'every line break is CRLF');
    });
  }

  it('drops undefined optional fields rather than writing null', () => {
    const text = serializeSidecar(sidecarWith(compliantUse({ prompt: undefined })));
    assert.ok(!text.includes('prompt'));
  });
});
