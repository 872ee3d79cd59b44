import * as assert from 'node:assert/strict';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  BROKEN_LOCK_GRACE_MS,
  LOCK_PATIENCE_MS,
  LockBlockedError,
  LockEnvironment,
  LockHolder,
  LOCK_GIVE_UP_MS,
  LockTimeoutError,
  withFileLock,
} from '../../src/core/fs/lock';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { updateSidecar, updateUse } from '../../src/core/sidecar/store';
import { useWithId } from '../support/concurrentWriter';
import { temporaryFolder } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SIDECAR = '/prod/plate.png.ai.json';
const LOCK = `${SIDECAR}.lock`;
const run = promisify(execFile);
const WRITER = path.join(__dirname, '..', 'support', 'concurrentWriter.js');

/** A lock environment with a clock the test moves: `live` pids are running on host "here". */
function testLocks(live: number[] = []) {
  const messages: string[] = [];
  const locks: LockEnvironment & { clock: number } = {
    clock: 1_000_000,
    self: { pid: 10, host: 'here', program: 'test writer' },
    isRunning: (pid: number) => live.includes(pid),
    now: () => locks.clock,
    onWait: (message: string) => void messages.push(message),
  };
  return { locks, messages };
}

function lockFile(holder: Partial<LockHolder>): string {
  return JSON.stringify({ pid: 1, host: 'here', program: 'ai-disclosure (command line)', since: 0, token: 'abc', ...holder });
}

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
    assert.equal(fs.text(LOCK), undefined, 'the lock is released');
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

  it('starts again instead of committing over a change made after its read (a writer whose lock was taken over)', async () => {
    const fs = new MemoryFileSystem({ [SIDECAR]: JSON.stringify({ version: 1, uses: [] }) });
    let calls = 0;
    await updateSidecar(fs, SIDECAR, (data) => {
      data.uses.push(useWithId('mine'));
      // The first time round, another writer commits between this writer's read and its commit.
      if (calls++ === 0) fs.files.set(SIDECAR, new TextEncoder().encode(JSON.stringify({ version: 1, uses: [useWithId('theirs')] })));
    });
    const ids = JSON.parse(fs.text(SIDECAR)!).uses.map((u: { id: string }) => u.id);
    assert.deepEqual(ids, ['theirs', 'mine']);
    assert.equal(calls, 2, 'the change was applied again to the other writer’s result');
  });

  it('keeps every update when separate processes write one sidecar at once', async function () {
    this.timeout(30_000);
    const { dir, cleanup } = temporaryFolder();
    try {
      const sidecar = `${dir}/plate.png.ai.json`;
      writeFileSync(sidecar, JSON.stringify({ version: 1, uses: [] }));
      const processes = Array.from({ length: 4 }, (_, p) =>
        run(process.execPath, [WRITER, sidecar, ...Array.from({ length: 25 }, (_, i) => `p${p}-${i}`)]),
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
});

describe('sidecar locks', () => {
  it('takes over at once a lock whose holder is no longer running on this machine', async () => {
    const { locks, messages } = testLocks();
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ pid: 4242 }) });
    assert.equal(await withFileLock(fs, SIDECAR, async () => 'ran', locks), 'ran');
    assert.deepEqual(messages, [], 'nobody was waited for');
    assert.equal(fs.text(LOCK), undefined, 'released afterwards');
    assert.deepEqual([...fs.files.keys()], [], 'no takeover marker left behind');
  });

  it('waits for a live holder, naming it, and goes on once it lets go', async () => {
    const { locks, messages } = testLocks([7]);
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ pid: 7, since: Date.UTC(2026, 11, 4, 9) }) });
    const waiting = withFileLock(fs, SIDECAR, async () => 'after the other writer', locks);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.ok(fs.files.has(LOCK) && fs.text(LOCK)!.includes('"pid":7'), 'a live holder keeps its lock');
    fs.files.delete(LOCK);
    assert.equal(await waiting, 'after the other writer');
    assert.deepEqual(messages, [
      `waiting for ai-disclosure (command line) (process 7 on here since 2026-12-04T09:00:00.000Z), which is writing ${SIDECAR}`,
    ]);
  });

  it('takes over a live holder that has not moved for longer than the patience (a hung or paused writer)', async () => {
    const { locks } = testLocks([7]);
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ pid: 7 }) });
    const waiting = withFileLock(fs, SIDECAR, async () => 'ran', locks);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(fs.files.has(LOCK), 'still waiting within the patience');
    locks.clock += LOCK_PATIENCE_MS + 1;
    assert.equal(await waiting, 'ran');
  });

  it('is not fooled by a lock dated in the future, from another machine: judged by its own clock', async () => {
    const { locks } = testLocks();
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ host: 'render-node-3', since: Date.UTC(2099, 0, 1) }) });
    const waiting = withFileLock(fs, SIDECAR, async () => 'ran', locks);
    await new Promise((resolve) => setTimeout(resolve, 20));
    locks.clock += LOCK_PATIENCE_MS + 1;
    assert.equal(await waiting, 'ran');
  });

  it('takes over a broken lock file (empty, an older release, garbage) after a short grace', async () => {
    for (const content of ['', '{"pid":1,"at":0}', '\u0000\u0001garbage']) {
      const { locks } = testLocks();
      const fs = new MemoryFileSystem({ [LOCK]: content });
      const waiting = withFileLock(fs, SIDECAR, async () => 'ran', locks);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(fs.files.has(LOCK), `${JSON.stringify(content)} is waited for within the grace`);
      locks.clock += BROKEN_LOCK_GRACE_MS + 1;
      assert.equal(await waiting, 'ran');
    }
  });

  it('waits, without spinning, for another writer stuck in the middle of a takeover, then gives up saying so', async () => {
    const { locks } = testLocks([7]);
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ pid: 4242 }) });
    // A live writer (pid 7) holds the takeover marker and never finishes.
    const stuckTaker = new TextEncoder().encode(lockFile({ pid: 7, token: 'taker' }));
    const createExclusive = fs.createExclusive.bind(fs);
    const readFile = fs.readFile.bind(fs);
    let attempts = 0;
    fs.createExclusive = async (file, data) => (file.includes('.takeover-') ? (attempts++, false) : createExclusive(file, data));
    fs.readFile = async (file, maxBytes) => (file.includes('.takeover-') ? stuckTaker : readFile(file, maxBytes));
    const waiting = withFileLock(fs, SIDECAR, async () => 'never', locks);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(attempts < 50, `${attempts} takeover attempts in 100 ms: the writer must wait between them`);
    locks.clock += LOCK_GIVE_UP_MS + 1;
    await assert.rejects(waiting, (error: unknown) => error instanceof LockTimeoutError);
  });

  it("does not take another writer's takeover marker, still being written, for debris: waits past the grace", async () => {
    const { locks } = testLocks();
    // The holder is gone, so the lock is taken over at once; another writer has just created the
    // marker for that takeover and not yet written itself into it.
    const fs = new MemoryFileSystem({ [LOCK]: lockFile({ pid: 4242 }) });
    const createExclusive = fs.createExclusive.bind(fs);
    let marker: string | undefined;
    fs.createExclusive = async (file, data) => {
      if (!file.includes('.takeover-') || marker) return createExclusive(file, data);
      marker = file;
      fs.files.set(file, new Uint8Array());
      return false;
    };
    const waiting = withFileLock(fs, SIDECAR, async () => 'ran', locks);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(marker && fs.files.has(marker), 'the marker being written is left alone');
    assert.equal(fs.text(LOCK), lockFile({ pid: 4242 }), 'and the lock it is for is not taken');
    locks.clock += BROKEN_LOCK_GRACE_MS + 1;
    assert.equal(await waiting, 'ran', 'a marker that stays empty past the grace is debris');
    assert.ok(!fs.files.has(marker), 'and is removed');
  });

  it('never removes a lock another writer holds now, when releasing its own', async () => {
    const { locks } = testLocks();
    const fs = new MemoryFileSystem();
    const theirs = lockFile({ pid: 8, token: 'theirs' });
    await withFileLock(
      fs,
      SIDECAR,
      async () => {
        // Taken over while this writer was paused.
        fs.files.set(LOCK, new TextEncoder().encode(theirs));
      },
      locks,
    );
    assert.equal(fs.text(LOCK), theirs);
  });

  it('refuses at once, naming it, a folder where the lock goes', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      mkdirSync(`${dir}/a.png.ai.json.lock`);
      await assert.rejects(
        withFileLock(nodeFileSystem, `${dir}/a.png.ai.json`, async () => 'never', testLocks().locks),
        (error: unknown) => error instanceof LockBlockedError && /a\.png\.ai\.json\.lock is a folder/.test(error.message),
      );
    } finally {
      cleanup();
    }
  });

  it('releases its lock when interrupted with SIGINT, and exits as interrupted', async function () {
    this.timeout(10_000);
    const { dir, cleanup } = temporaryFolder();
    try {
      const sidecar = `${dir}/a.png.ai.json`;
      const child = spawn(process.execPath, [WRITER, sidecar], { env: { ...process.env, MODE: 'interrupt' }, stdio: 'pipe' });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 130);
      assert.equal(existsSync(`${sidecar}.lock`), false, 'no lock left behind');
    } finally {
      cleanup();
    }
  });
});

/** Every id a writer printed (its write returned): the successes the file must hold. */
function startWriter(sidecar: string, ids: string[], mode?: string): { child: ChildProcess; reported: string[]; done: Promise<unknown> } {
  const child = spawn(process.execPath, [WRITER, sidecar, ...ids], { env: { ...process.env, MODE: mode ?? '' }, stdio: 'pipe' });
  const reported: string[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    reported.push(...lines);
  });
  child.stderr.resume();
  // 'close', not 'exit': a process can exit before its last lines are read from the pipe.
  return { child, reported, done: new Promise((resolve) => child.on('close', resolve)) };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!condition()) return;
      clearInterval(poll);
      resolve();
    }, 5);
  });
}

describe('stress: stale locks, crashed and paused writers lose no reported write', () => {
  it('keeps every reported use with a stale lock, a writer killed holding the lock and one paused past the patience', async function () {
    this.timeout(40_000);
    const { dir, cleanup } = temporaryFolder();
    try {
      const sidecar = `${dir}/plate.png.ai.json`;
      writeFileSync(sidecar, JSON.stringify({ version: 1, uses: [] }));
      // A lock left by a writer that crashed long ago (its process is gone).
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => gone.on('exit', resolve));
      writeFileSync(`${sidecar}.lock`, lockFile({ pid: gone.pid, host: hostname(), token: 'crashed' }));

      // One writer takes the lock and is killed holding it, while six others write.
      const crashing = startWriter(sidecar, [], 'hold');
      await until(() => crashing.reported.includes('holding'));
      const writers = Array.from({ length: 6 }, (_, w) => startWriter(sidecar, ids(`w${w}`, 20)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      crashing.child.kill('SIGKILL');
      await Promise.all(writers.map((writer) => writer.done));

      // One writer stops mid-write holding the lock; the others take it over after the patience,
      // and when it resumes, its write must not undo theirs.
      const paused = startWriter(sidecar, ids('paused', 3), 'pause');
      await until(() => paused.reported.includes('pausing'));
      const others = Array.from({ length: 4 }, (_, w) => startWriter(sidecar, ids(`late${w}`, 10)));
      await Promise.all(others.map((writer) => writer.done));
      paused.child.kill('SIGCONT');
      await paused.done;

      const found = new Set<string>(JSON.parse(readFileSync(sidecar, 'utf8')).uses.map((u: { id: string }) => u.id));
      const reported = [...writers, ...others, paused].flatMap((writer) => writer.reported.filter((line) => /-\d+$/.test(line)));
      const missing = reported.filter((id) => !found.has(id));
      assert.equal(reported.length, 6 * 20 + 4 * 10 + 3, 'every writer reported all its writes');
      assert.deepEqual(missing, [], `${missing.length} reported uses missing of ${reported.length}`);
      assert.equal(found.size, reported.length, 'nothing written twice or from nowhere');
      assert.equal(existsSync(`${sidecar}.lock`), false, 'no lock left behind');
    } finally {
      cleanup();
    }
  });
});

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}
