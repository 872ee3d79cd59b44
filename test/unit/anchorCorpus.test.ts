import * as assert from 'node:assert/strict';
import { locateAnchor, prepareScript } from '../../src/core/anchor/anchor';
import { editCorpus, taggedScreenplay } from '../support/editCorpus';

describe("tags stay on their words through a feature-length script's edits", () => {
  const script = taggedScreenplay(120, 200);

  it('starts from a 120-page script with 200 tags', () => {
    assert.ok(script.text.split('\n').length >= 120 * 45);
    assert.equal(script.tags.length, 200);
  });

  for (const edit of editCorpus()) {
    it(`re-finds every surviving tag, and orphans every cut one, after: ${edit.name}`, () => {
      const { text, expected } = edit.apply(script.text, script.tags);
      const prepared = prepareScript(text);
      script.tags.forEach((tag, i) => {
        const match = locateAnchor(prepared, tag.anchor);
        if (expected[i] === null) {
          assert.equal(match, undefined, `tag ${i} should be orphaned`);
          return;
        }
        assert.ok(match, `tag ${i} ("${tag.quote.slice(0, 30)}…") was lost`);
        assert.equal(text.slice(match.start, match.end), expected[i], `tag ${i} landed on other words`);
        assert.equal(match.exact, expected[i] === tag.quote || expected[i] === tag.quote.replace(/\n/g, '\r\n'));
      });
    });
  }
});
