import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { countingFileSystem } from '../../src/core/fs/fileSystem';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { SidecarDigests } from '../../src/core/workspace/sidecarDigests';
import { temporaryFolder } from '../support/fixtures';

const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

describe('sidecar digests kept with the stat they were taken under', () => {
  let dir: string;
  let cleanup: () => void;
  let sidecar: string;
  /** A clock well past every file's times, so each digest taken is settled and kept. */
  const later = () => Date.now() + 60_000;

  beforeEach(() => {
    ({ dir, cleanup } = temporaryFolder());
    sidecar = `${dir}/still.png.ai.json`;
    writeFileSync(sidecar, '{"version": 1, "uses": []}');
  });
  afterEach(() => cleanup());

  it('reads a sidecar again only when its size or times changed', async () => {
    const first = new SidecarDigests([], later);
    assert.equal(await first.of(nodeFileSystem, sidecar, sha256), sha256('{"version": 1, "uses": []}'));

    const { fs, calls } = countingFileSystem(nodeFileSystem);
    const kept = JSON.parse(JSON.stringify(first)) as unknown[];
    const second = new SidecarDigests(kept, later);
    assert.equal(await second.of(fs, sidecar, sha256), sha256('{"version": 1, "uses": []}'));
    assert.equal(calls.readFile ?? 0, 0, 'unchanged: its digest is the one kept');
    assert.deepEqual(JSON.parse(JSON.stringify(second)), kept, 'and kept again for the next run');

    // The same size, and the modification time set back to what it was: the change time still moved.
    const { mtime } = statSync(sidecar);
    writeFileSync(sidecar, '{"version": 1, "uses": {}}');
    utimesSync(sidecar, mtime, mtime);
    const third = new SidecarDigests(kept, later);
    assert.equal(await third.of(fs, sidecar, sha256), sha256('{"version": 1, "uses": {}}'));
    assert.equal(calls.readFile, 1, 'changed: read again');
  });

  it('keeps no digest of a file changed moments before it was read', async () => {
    const now = new SidecarDigests([], Date.now);
    assert.equal(await now.of(nodeFileSystem, sidecar, sha256), sha256('{"version": 1, "uses": []}'));
    assert.deepEqual(now.toJSON(), [], 'a write in the same clock tick could leave its stat as it was');
  });

  it('ignores kept rows of the wrong shape, and gives no digest for what is not a readable sidecar', async () => {
    const damaged = [[sidecar, 'big', 1, 1, sha256('x')], [sidecar, 1, 1, 1, 'not a digest'], 'nonsense'];
    const { fs, calls } = countingFileSystem(nodeFileSystem);
    const digests = new SidecarDigests(damaged, later);
    assert.equal(await digests.of(fs, sidecar, sha256), sha256('{"version": 1, "uses": []}'));
    assert.equal(calls.readFile, 1);
    assert.equal(await digests.of(fs, `${dir}/gone.png.ai.json`, sha256), undefined);
    assert.equal(await digests.of(fs, dir, sha256), undefined, 'a folder');
  });
});
