import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { LOCK_WAIT_MS, LockTimeoutError, STALE_LOCK_MS, withFileLock } from '../../src/core/fs/lock';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { updateSidecar, updateUse } from '../../src/core/sidecar/store';
import { useWithId } from '../support/concurrentWriter';
import { temporaryFolder } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SIDECAR = '/prod/plate.png.ai.json';
const run = promisify(execFile);

describe('two writers at once lose neither update', () => {
  it('queues writers in one process: 100 concurrent changes, 100 kept', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: JSON.stringify({ version: 1, uses: [useWithId('first')] }) });
    // Every step of the memory file system yields, so unqueued writers would interleave and overwrite.
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => updateSidecar(fs, SIDECAR, (data) => void data.uses.push(useWithId(`use-${i}`)))),
    );
    const ids = JSON.parse(fs.text(SIDECAR)!).uses.map((u: { id: string }) => u.id);
    assert.equal(ids.length, 101);
    assert.equal(new Set(ids).size, 101);
    assert.equal(fs.text(`${SIDECAR}.lock`), undefined, 'the lock is released');
  });

  it("applies each writer's change to the other's result, field by field", async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: JSON.stringify({ version: 1, uses: [useWithId('shot')] }) });
    await Promise.all([
      updateUse(fs, SIDECAR, 'shot', (use) => void (use.notified = { date: '2026-11-25' })),
      updateUse(fs, SIDECAR, 'shot', (use) => void (use.approval = { status: 'approved', by: 'Studio' })),
      updateUse(fs, SIDECAR, 'shot', (use) => void (use.description = 'Sky replacement')),
    ]);
    const [use] = JSON.parse(fs.text(SIDECAR)!).uses;
    assert.deepEqual([use.notified?.date, use.approval?.status, use.description], ['2026-11-25', 'approved', 'Sky replacement']);
  });

  it('keeps every update when separate processes write one sidecar at once', async function () {
    this.timeout(30_000);
    const { dir, cleanup } = temporaryFolder();
    try {
      const sidecar = `${dir}/plate.png.ai.json`.split(path.sep).join('/');
      writeFileSync(sidecar, JSON.stringify({ version: 1, uses: [] }));
      const writer = path.join(__dirname, '..', 'support', 'concurrentWriter.js');
      const processes = Array.from({ length: 4 }, (_, p) =>
        run(process.execPath, [writer, sidecar, ...Array.from({ length: 25 }, (_, i) => `p${p}-${i}`)]),
      );
      // And this process, as the editor, at the same time.
      const here = (async () => {
        for (let i = 0; i < 25; i++) await updateSidecar(nodeFileSystem, sidecar, (data) => void data.uses.push(useWithId(`editor-${i}`)));
      })();
      await Promise.all([...processes, here]);
      const ids: string[] = JSON.parse(readFileSync(sidecar, 'utf8')).uses.map((u: { id: string }) => u.id);
      assert.equal(ids.length, 125, `kept ${ids.length} of 125`);
      assert.equal(new Set(ids).size, 125);
    } finally {
      cleanup();
    }
  });

  it('breaks a lock left by a crashed writer, and waits for a live one, then says so', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const fs = new MemoryFileSystem({ [`${SIDECAR}.lock`]: JSON.stringify({ pid: 1, at: clock - STALE_LOCK_MS - 1 }) });
    assert.equal(await withFileLock(fs, SIDECAR, async () => 'ran', now), 'ran', 'a stale lock is broken');

    fs.files.set(`${SIDECAR}.lock`, new TextEncoder().encode(JSON.stringify({ pid: 2, at: clock })));
    const waiting = withFileLock(fs, SIDECAR, async () => 'after the other writer', now);
    await new Promise((resolve) => setTimeout(resolve, 30));
    fs.files.delete(`${SIDECAR}.lock`);
    assert.equal(await waiting, 'after the other writer');

    fs.files.set(`${SIDECAR}.lock`, new TextEncoder().encode(JSON.stringify({ pid: 3, at: clock })));
    const stuck = withFileLock(
      fs,
      SIDECAR,
      async () => 'never',
      () => (clock += LOCK_WAIT_MS / 4),
    );
    await assert.rejects(
      stuck,
      (error: unknown) => error instanceof LockTimeoutError && /being written by another program/.test(error.message),
    );
    assert.ok(fs.files.has(`${SIDECAR}.lock`), 'a live lock is never broken');
  });
});
