import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import fc from 'fast-check';
import { posixPath } from '../../src/core/posixPath';
import { latin1 } from '../../src/core/provenance/byteSource';
import { portableSha256 } from '../../src/core/digest';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';

/** Paths as the core meets them, and stranger: dots, repeated and trailing slashes, backslashes, accents, spaces. */
const paths = fc
  .array(fc.constantFrom('/', '/', '.', '..', 'a', 'shot', '.ai.json', '.png', '\\', 'é', ' ', '_folder'), { maxLength: 12 })
  .map((parts) => parts.join(''));
const absolutePaths = paths.map((path) => `/${path}`);

describe('the core without Node: what stands in for Node gives what Node gives', () => {
  it('POSIX paths (basename, dirname, extname, join, normalize, isAbsolute) as node:path', () => {
    fc.assert(
      fc.property(paths, paths, (a, b) => {
        assert.equal(posixPath.basename(a), posix.basename(a));
        assert.equal(posixPath.dirname(a), posix.dirname(a));
        assert.equal(posixPath.extname(a), posix.extname(a));
        assert.equal(posixPath.isAbsolute(a), posix.isAbsolute(a));
        assert.equal(posixPath.normalize(a === '' ? '.' : a), posix.normalize(a === '' ? '.' : a));
        assert.equal(posixPath.join(a, b), posix.join(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('absolute POSIX paths resolved and made relative as node:path does', () => {
    fc.assert(
      fc.property(absolutePaths, paths, absolutePaths, (folder, entry, other) => {
        assert.equal(posixPath.resolve(folder, entry), posix.resolve(folder, entry));
        assert.equal(posixPath.relative(folder, other), posix.relative(folder, other));
      }),
      { numRuns: 2000 },
    );
  });

  it('bytes read as ISO-8859-1 as Buffer reads them, past the chunk size too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), (bytes) => {
        assert.equal(latin1(bytes), Buffer.from(bytes).toString('latin1'));
      }),
      { numRuns: 50 },
    );
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    assert.equal(latin1(everyByte.subarray(1, 255)), Buffer.from(everyByte.subarray(1, 255)).toString('latin1'));
  });

  it("SHA-256 of text and bytes given piece by piece as Node's, so caches keyed either way agree", () => {
    const pieces = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 300 })), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(pieces, (parts) => {
        const portable = portableSha256();
        const host = nodeFileSystem.newSha256!();
        const node = createHash('sha256');
        for (const part of parts) {
          portable.update(part);
          host.update(part);
          node.update(part);
        }
        const expected = node.digest('hex');
        assert.equal(portable.hex(), expected);
        assert.equal(host.hex(), expected);
      }),
      { numRuns: 500 },
    );
  });
});
