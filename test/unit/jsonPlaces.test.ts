import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, Node as JsonNode, parseTree } from 'jsonc-parser';
import { JsonPlaces, JsonSpan } from '../../src/core/json/jsonPlaces';
import { JsonPath } from '../../src/core/json/validatedJson';
import { valuePaths } from '../support/jsonPaths';

/** The answer jsonc-parser's tree gives: the deepest existing part, at its key when it is an object's member. */
function byTree(text: string, path: JsonPath): JsonSpan {
  const tree = parseTree(text) as JsonNode;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) continue;
    const key = depth < path.length && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const found = key ?? node;
    return { offset: found.offset, length: found.length };
  }
  return { offset: tree.offset, length: tree.length };
}

/** Every path to a value in `value`, and one step past each (a member that is not there). */
function pathsOf(value: unknown): JsonPath[] {
  return valuePaths(value).flatMap((at) => [at, [...at, 'absent'], [...at, 7]]);
}

describe('places in JSON text, without a tree', () => {
  it('answers every path as jsonc-parser does, in any layout, keys with escapes included', () => {
    // Compact, indented, tabbed, CRLF (JSON.stringify escapes line breaks inside strings).
    const layouts = [
      (v: unknown) => JSON.stringify(v),
      (v: unknown) => JSON.stringify(v, null, 2),
      (v: unknown) => JSON.stringify(v, null, '\t'),
      (v: unknown) => JSON.stringify(v, null, 1).replace(/\n/g, '\r\n'),
    ];
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('__proto__'));
    fc.assert(
      fc.property(json, fc.nat(layouts.length - 1), (value, layout) => {
        const text = layouts[layout](value);
        const paths = pathsOf(JSON.parse(text));
        // Asked outermost first and innermost first: the member lists one answer made serve the next.
        for (const order of [paths, [...paths].reverse()]) {
          const places = new JsonPlaces(text);
          for (const path of order) assert.deepEqual(places.locate(path), byTree(text, path), `path ${JSON.stringify(path)} in ${text}`);
        }
      }),
      { seed: 20261125, numRuns: 600 },
    );
  });

  it('points at the key of a member whose child is missing, and at an array item itself', () => {
    const text = '{"uses": [{"tool": {"name": "X"}}], "k\\"ey": 1}';
    const places = new JsonPlaces(text);
    assert.deepEqual(places.locate(['uses', 0, 'tool', 'version']), { offset: text.indexOf('"tool"'), length: 6 });
    assert.deepEqual(places.locate(['uses', 0, 'approval']), { offset: text.indexOf('{"tool"'), length: '{"tool": {"name": "X"}}'.length });
    assert.deepEqual(places.locate(['k"ey']), { offset: text.lastIndexOf('1'), length: 1 });
  });
});
