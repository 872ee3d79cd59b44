import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compliantUse } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import {
  mapInSteps,
  mapLimited,
  runSteps,
  runStepsInTurns,
  sharedTurns,
  sortInSteps,
  Steps,
  TurnBudget,
} from '../../src/core/workspace/scan';

/** Busy-waits, as a check of a sidecar with a file system that answers at once does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Counts units of work between two rounds of the event loop; `stop` gives the most in one. */
function roundsProbe(): { count(): void; stop(): number } {
  let sinceRound = 0;
  let most = 0;
  let probing = true;
  const round = () => {
    most = Math.max(most, sinceRound);
    sinceRound = 0;
    if (probing) setImmediate(round);
  };
  setImmediate(round);
  return {
    count: () => void sinceRound++,
    stop: () => {
      probing = false;
      return Math.max(most, sinceRound);
    },
  };
}

describe('work between turns of the event loop', () => {
  it('maps items in steps, pausing after every few', () => {
    const steps = mapInSteps([1, 2, 3, 4, 5, 6, 7], (n) => n * 10, { perStep: 3 });
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    assert.deepEqual(next.value, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(pauses, 2, 'after the third and the sixth');
  });

  it('pauses sooner over items that weigh more, gives a heavy item a step of its own, and appends to a given array', () => {
    const into = ['header'];
    const steps = mapInSteps(['a', 'bbbbbb', 'c', 'd'], (s) => s.toUpperCase(), { perStep: 4, weight: (s) => s.length, into });
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    assert.equal(next.value, into);
    assert.deepEqual(into, ['header', 'A', 'BBBBBB', 'C', 'D']);
    assert.equal(pauses, 2, 'before the heavy second item and after it (a step of its own); the last two weigh 2 of 4');
  });

  it('sorts in steps to exactly the order of a stable Array.prototype.sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 9 }), at: fc.nat() }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (unordered, perStep, presorted) => {
          // Many ties on the key: only a stable sort keeps their input order.
          const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
          // Input already in order takes the merge's shortcut of joining runs as they are.
          const items = presorted ? [...unordered].sort(byKey) : unordered;
          const steps = sortInSteps(items, byKey, perStep);
          let pauses = 0;
          let next = steps.next();
          for (; !next.done; next = steps.next()) pauses++;
          assert.deepEqual(next.value, [...items].sort(byKey));
          assert.ok(items.length <= perStep || pauses >= Math.floor(items.length / perStep), `${pauses} pauses for ${items.length} items`);
        },
      ),
      { seed: 20261126, numRuns: 500 },
    );
  });

  it('runs work written in steps at once, or a share per turn, to the same result', async () => {
    function* sum(units: number): Steps<number> {
      let total = 0;
      for (let i = 1; i <= units; i++) {
        work(0.5);
        total += i;
        yield;
      }
      return total;
    }
    assert.equal(runSteps(sum(10)), 55);
    let rounds = 0;
    let probing = true;
    const round = () => {
      rounds++;
      if (probing) setImmediate(round);
    };
    setImmediate(round);
    const total = await runStepsInTurns(sum(80));
    probing = false;
    assert.equal(total, 3240);
    // 40 ms of work in 4 ms shares: the loop came round between them.
    assert.ok(rounds >= 6, `the event loop came round ${rounds} times`);
  });

  it('maps every item exactly once, in order, while letting timers run between turns', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    let timerRuns = 0;
    const timer = setInterval(() => timerRuns++, 1);
    const results = await mapLimited(items, 16, async (item) => {
      work(0.2);
      return item * 2;
    });
    clearInterval(timer);
    assert.deepEqual(
      results,
      items.map((i) => i * 2),
    );
    // 40 ms of work in 8 ms shares: the loop came round several times.
    assert.ok(timerRuns >= 3, `timers ran ${timerRuns} times`);
  });

  it('starts a fresh share once the event loop has waited, and none while it has not', async () => {
    const turns = new TurnBudget(5);
    work(7);
    const spent = turns.due();
    assert.ok(spent, 'a share spent with no turn of the loop since: wait for the next');
    await spent;
    assert.equal(turns.due(), undefined, 'a new share after the turn');
    work(7);
    // The loop waits for a timer with nothing else to do: the host was free, so a new stretch begins.
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(turns.due(), undefined, 'after the loop waited, work goes on without a turn of its own');
    work(7);
    assert.ok(turns.due(), 'and that share too is spent in time');
  });

  it('still waits for a turn once a share is spent where the event loop is not measured (a web worker)', async () => {
    const measured = Object.getOwnPropertyDescriptor(performance, 'eventLoopUtilization');
    Object.defineProperty(performance, 'eventLoopUtilization', { value: undefined, configurable: true });
    try {
      const turns = new TurnBudget(5);
      work(7);
      const spent = turns.due();
      assert.ok(spent);
      await spent;
      assert.equal(turns.due(), undefined, 'a new share after the turn');
      work(7);
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.ok(turns.due(), 'with no measure of the wait, a spent share always waits for a turn');
    } finally {
      if (measured) Object.defineProperty(performance, 'eventLoopUtilization', measured);
      else delete (performance as Partial<typeof performance>).eventLoopUtilization;
    }
  });

  it('keeps checks of many scripts at once within one share a turn, together', async function () {
    // Sixteen generated screenplays and 1,920 uses: about a second here, more on a loaded CI machine.
    this.timeout(30_000);
    const { checkSidecar } = await import('../../src/core/workspace/check');
    const { loadConfigCascade } = await import('../../src/core/config/config');
    const { serializeSidecar } = await import('../../src/core/sidecar/serialize');
    const { taggedScreenplay } = await import('../support/editCorpus');
    const files: Record<string, string> = {};
    for (let s = 0; s < 16; s++) {
      const script = taggedScreenplay(20, 120, 300 + s);
      files[`/prod/ep${s}.fountain`] = script.text;
      files[`/prod/ep${s}.fountain.ai.json`] = serializeSidecar({
        version: 1,
        subject: { file: `ep${s}.fountain` },
        uses: script.tags.map((t, i) => compliantUse({ id: `ep${s}-${i}`, anchor: t.anchor })),
      });
    }
    const fs = new MemoryFileSystem(files);
    const scripts = Object.keys(files)
      .filter((f) => f.endsWith('.fountain'))
      .sort();
    const config = await loadConfigCascade(fs, '/prod', scripts);
    // Each use's findings are settled once: counted, and made to take 0.1 ms, so a share of 8 ms
    // holds at most about 80 uses (a slow machine does fewer, never more).
    const rounds = roundsProbe();
    const settle = config.settle.bind(config);
    config.settle = (findings) => {
      work(0.1);
      rounds.count();
      return settle(findings);
    };
    const checks = await mapLimited(scripts, 16, (script) => checkSidecar(fs, `${script}.ai.json`, scripts, undefined, config));
    const most = rounds.stop();
    const uses = checks.reduce((sum, c) => sum + c.uses.length, 0);
    assert.ok(uses > 16 * 50, `${uses} uses`);
    // One share is at most about 80 uses; with a share each, scripts checked at once would add theirs up.
    assert.ok(most <= 120, `${most} uses settled between two rounds of the loop (of ${uses})`);
  });

  it("loads an open file's configuration files without waiting for a turn, however the checks' share stands", async () => {
    const { loadConfigCascade } = await import('../../src/core/config/config');
    const fs = new MemoryFileSystem({ '/prod/.aidisclosure.json': '{ "packs": [] }', '/prod/ep1/.aidisclosure.json': '{}' });
    // Asked first, so it comes before the turn the spent share would wait for.
    let turned = false;
    setImmediate(() => (turned = true));
    // The checks' shared share spent, as at start-up after the workbench's load: its next turn is due.
    for (let tries = 0; !sharedTurns.due() && tries < 3; tries++) work(7);
    assert.ok(sharedTurns.due(), "the checks' share is spent");
    const config = await loadConfigCascade(fs, '/prod', ['/prod/.aidisclosure.json', '/prod/ep1/.aidisclosure.json']);
    assert.deepEqual(config.problems, []);
    assert.equal(turned, false, 'a list of two files loaded within the turn it started in');
    await sharedTurns.due();
  });

  it('gives one worker the next turn, not every waiting worker a share of it', async () => {
    const turns = new TurnBudget(5);
    // Counted, not timed: a slow machine does fewer 1 ms units per share, never more.
    const rounds = roundsProbe();
    const worker = async () => {
      for (let i = 0; i < 20; i++) {
        for (let wait = turns.due(); wait; wait = turns.due()) await wait;
        work(1);
        rounds.count();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const most = rounds.stop();
    // One share is about five units; sixteen workers each taking a share per round would be 80.
    assert.ok(most <= 12, `${most} units of work between two rounds of the loop`);
  });
});
