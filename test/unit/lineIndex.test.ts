import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, WalkingPositions } from '../../src/core/text/lineIndex';

/** Where each line starts, by the regular expression of the line breaks editors recognise. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

describe('line index', () => {
  it('places every offset on its line and column, with LF, CRLF and lone CR breaks', () => {
    // Texts without a carriage return take the indexOf path; with one, the character loop.
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', 'é', '😀'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (input) => {
        const starts = lineStarts(input);
        const lines = new LineIndex(input);
        assert.equal(lines.lineCount, starts.length);
        for (let offset = 0; offset <= input.length; offset++) {
          const line = starts.filter((start) => start <= offset).length;
          const position = { line, column: offset - starts[line - 1] + 1 };
          assert.deepEqual(lines.positionAt(offset), position, `offset ${offset} of ${JSON.stringify(input)}`);
        }
        starts.forEach((start, i) => assert.equal(lines.lineStart(i + 1), start));
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });

  it('walks to the same positions as the index, asked in any order', () => {
    // Long texts too, so that asks jumping about cross the budget and the index takes over mid-way.
    const part = fc.constantFrom('a', 'bc', ' ', '\n', '\n\n', 'é', '😀', 'x'.repeat(300));
    const input = fc
      .oneof(fc.array(part, { maxLength: 40 }), fc.array(part, { minLength: 100, maxLength: 400 }))
      .map((parts) => parts.join(''));
    const withAsks = input.chain((text) =>
      fc.tuple(fc.constant(text), fc.array(fc.integer({ min: -2, max: text.length + 2 }), { minLength: 1, maxLength: 200 })),
    );
    fc.assert(
      fc.property(withAsks, ([text, offsets]) => {
        const index = new LineIndex(text);
        const walking = new WalkingPositions(text);
        for (const offset of offsets) assert.deepEqual(walking.positionAt(offset), index.positionAt(offset), `offset ${offset}`);
      }),
      { seed: 20261205, numRuns: 400 },
    );
    const crlf = 'one\r\ntwo\rthree\nfour';
    const walking = new WalkingPositions(crlf);
    for (let offset = crlf.length; offset >= 0; offset--)
      assert.deepEqual(walking.positionAt(offset), new LineIndex(crlf).positionAt(offset));
  });
});
