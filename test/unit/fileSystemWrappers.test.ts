import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  countingFileSystem,
  FileTooLargeError,
  isMissingFileError,
  notifyingFileSystem,
  readingOnce,
  sameBytes,
} from '../../src/core/fs/fileSystem';
import { updateSidecar } from '../../src/core/sidecar/store';
import { compliantUse } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

describe('file systems that watch their own use', () => {
  it('counts every call by member, for any file system (a class instance included)', async () => {
    const { fs, calls } = countingFileSystem(new MemoryFileSystem({ '/p/a.txt': 'words' }));
    await fs.readFile('/p/a.txt');
    await fs.stat('/p/a.txt');
    await fs.stat('/p/b.txt');
    assert.deepEqual({ ...calls }, { readFile: 1, stat: 2 });
  });

  it('tells of a sidecar written, and finishes the write only once told, so the model is current when a command returns', async () => {
    const told: string[][] = [];
    let releaseTold = () => {};
    const fs = notifyingFileSystem(new MemoryFileSystem(), async (paths) => {
      told.push(paths);
      if (paths.some((p) => p.endsWith('.ai.json'))) await new Promise<void>((resolve) => (releaseTold = resolve));
    });
    let written = false;
    const writing = updateSidecar(fs, '/p/scene.fountain.ai.json', (sidecar) => sidecar.uses.push(compliantUse({ id: 'u1' }))).then(
      () => (written = true),
    );
    for (let i = 0; i < 20 && !told.some((paths) => paths.includes('/p/scene.fountain.ai.json')); i++)
      await new Promise((r) => setImmediate(r));
    assert.ok(
      told.some((paths) => paths.includes('/p/scene.fountain.ai.json')),
      `told of the sidecar: ${JSON.stringify(told)}`,
    );
    assert.equal(written, false, 'the write waits for the model');
    releaseTold();
    await writing;
    assert.equal(written, true);
  });

  it("reads a file once for every reader, within each reader's limit, and keeps no failed read", async () => {
    const memory = new MemoryFileSystem({ '/p/a.txt': 'twelve bytes' });
    const { fs: counted, calls } = countingFileSystem(memory);
    const fs = readingOnce(counted);
    assert.equal(new TextDecoder().decode(await fs.readFile('/p/a.txt')), 'twelve bytes');
    await memory.writeFile('/p/a.txt', new TextEncoder().encode('changed'));
    assert.equal(new TextDecoder().decode(await fs.readFile('/p/a.txt', 100)), 'twelve bytes', 'what the first read gave');
    await assert.rejects(fs.readFile('/p/a.txt', 11), (error) => error instanceof FileTooLargeError && error.size === 12);
    assert.equal(calls.readFile, 1);
    await assert.rejects(fs.readFile('/p/b.txt', 4), (error) => isMissingFileError(error));
    await memory.writeFile('/p/b.txt', new TextEncoder().encode('here'));
    assert.equal(new TextDecoder().decode(await fs.readFile('/p/b.txt', 4)), 'here', 'a failed read is read again');
    assert.equal(calls.readFile, 3);
  });
});

describe('byte arrays compared', () => {
  /** `bytes` copied into a larger buffer at `offset`: views of a file's bytes start anywhere. */
  const placed = (bytes: Uint8Array, offset: number) => {
    const view = new Uint8Array(new ArrayBuffer(bytes.length + offset + 3), offset, bytes.length);
    view.set(bytes);
    return view;
  };

  it('are the same exactly when every byte is, wherever in their buffers they start', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(7),
        fc.nat(7),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 }))),
        (bytes, offsetA, offsetB, change) => {
          const a = placed(bytes, offsetA);
          const b = placed(bytes, offsetB);
          assert.equal(sameBytes(a, b), true);
          if (change && bytes.length > 0) {
            const at = change[0] % bytes.length;
            b[at] ^= change[1];
            assert.equal(sameBytes(a, b), false, `a byte changed at ${at}`);
          }
          assert.equal(sameBytes(a, placed(bytes.subarray(1), offsetB)), bytes.length === 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
