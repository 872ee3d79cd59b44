import * as assert from 'node:assert/strict';
import { countingFileSystem, notifyingFileSystem } from '../../src/core/fs/fileSystem';
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
});
