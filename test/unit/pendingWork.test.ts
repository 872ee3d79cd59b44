import * as assert from 'node:assert/strict';
import { PendingWork } from '../../src/core/pendingWork';

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pending work, waited for instead of sleeping', () => {
  it('is idle at once with nothing pending', async () => {
    await new PendingWork().whenIdle();
  });

  it('waits for tracked work, and for the work it starts as it ends', async () => {
    const work = new PendingWork();
    const done: string[] = [];
    let finishFirst = () => {};
    void work.track(new Promise<void>((resolve) => (finishFirst = resolve))).then(() => {
      // A check that fires a change the views take up: more work, started as the first ends.
      void work.track(turn().then(() => done.push('second')));
      done.push('first');
    });
    let idle = false;
    const waiting = work.whenIdle().then(() => (idle = true));
    await turn();
    assert.equal(idle, false);
    finishFirst();
    await waiting;
    assert.deepEqual(done, ['first', 'second']);
  });

  it('counts a debounced run from its first trigger until what it started settles', async () => {
    const work = new PendingWork();
    const runs: number[] = [];
    let release = () => {};
    const debounced = work.debounced(20, () => new Promise<void>((resolve) => (release = resolve)).then(() => runs.push(Date.now())));
    debounced.trigger();
    debounced.trigger();
    debounced.trigger();
    let idle = false;
    const waiting = work.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(idle, false, 'its run has started and not finished');
    assert.deepEqual(runs, []);
    release();
    await waiting;
    assert.equal(runs.length, 1, 'three triggers, one run');
  });

  it('is idle once a debounced run is cancelled before it fires', async () => {
    const work = new PendingWork();
    let ran = false;
    const debounced = work.debounced(10_000, () => (ran = true));
    debounced.trigger();
    debounced.cancel();
    await work.whenIdle();
    assert.equal(ran, false);
  });
});
