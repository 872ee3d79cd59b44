import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isSidecarPath } from '../../src/core/sidecar/paths';
import { insertAllSorted, removeRanges } from '../../src/core/sorted';
import { compareFindings, Finding } from '../../src/core/findings';
import { scanProduction } from '../../src/core/workspace/scan';
import { MemoryFileSystem } from '../support/memoryFileSystem';

// Paths over a small alphabet, so lists share items and prefixes; up to 60 changes at once, so
// both ways of making them (splices for a few, one pass for many) are tried.
const path = fc.stringMatching(/^[ab/.]{0,5}$/);
const sortedPaths = fc.uniqueArray(path, { maxLength: 80 }).map((items) => items.sort());

describe('many changes to a sorted list at once', () => {
  it('inserts as adding each missing item and sorting again would', () => {
    fc.assert(
      fc.property(sortedPaths, fc.array(path, { maxLength: 60 }), (sorted, items) => {
        const expected = [...new Set([...sorted, ...items])].sort();
        assert.deepEqual(insertAllSorted([...sorted], items), expected);
      }),
      { seed: 20261126, numRuns: 800 },
    );
  });

  it('removes index ranges, overlapping and in any order, as filtering out their indices would', () => {
    const ranges = (length: number) =>
      fc.array(
        fc.tuple(fc.nat(length), fc.nat(length)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
        { maxLength: 60 },
      );
    fc.assert(
      fc.property(
        sortedPaths.chain((sorted) => fc.tuple(fc.constant(sorted), ranges(sorted.length))),
        ([sorted, dropped]) => {
          const expected = sorted.filter((_, i) => !dropped.some(([start, end]) => i >= start && i < end));
          assert.deepEqual(removeRanges([...sorted], dropped), expected);
        },
      ),
      { seed: 20261126, numRuns: 800 },
    );
  });

  it('changes a few items in place and makes a new list for many', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => `/p/${String(i).padStart(3, '0')}`);
    assert.equal(insertAllSorted(sorted, ['/p/a']), sorted);
    assert.notEqual(
      insertAllSorted(
        sorted,
        Array.from({ length: 40 }, (_, i) => `/q/${i}`),
      ),
      sorted,
    );
    assert.equal(removeRanges(sorted, [[0, 1]]), sorted);
    assert.notEqual(
      removeRanges(
        sorted,
        Array.from({ length: 40 }, (_, i) => [2 * i, 2 * i + 1] as [number, number]),
      ),
      sorted,
    );
  });
});

describe('the walk of a production', () => {
  it('lists files and sidecars in code-unit order, as one sort of every path would', async () => {
    // Names that sort around "/": "a-b" and "a.b" before "a/", "a0" after it.
    const name = fc.constantFrom('a', 'a-b', 'a.b', 'a0', 'b', 'A', 'é', 'x.png', 'x.png.ai.json', '.ai.json');
    const relative = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(relative, { maxLength: 40 }), async (paths) => {
        // A path that is a file cannot also be a folder.
        const kept = paths.filter((p) => !paths.some((other) => other.startsWith(`${p}/`)));
        const fs = new MemoryFileSystem();
        for (const p of kept) fs.files.set(`/prod/${p}`, new Uint8Array());
        const scan = await scanProduction(fs, '/prod');
        const all = kept.map((p) => `/prod/${p}`);
        assert.deepEqual(scan.files, all.filter((p) => !isSidecarPath(p)).sort());
        assert.deepEqual(scan.sidecars, all.filter((p) => isSidecarPath(p)).sort());
        // Walked from the root, whose entries are joined without a doubled slash.
        const fromRoot = await scanProduction(fs, '/');
        assert.deepEqual([fromRoot.files, fromRoot.sidecars], [scan.files, scan.sidecars]);
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });
});

describe('findings in report order', () => {
  it('orders findings at one place by rule and use as the collator does, however often asked', () => {
    const at = { file: '/p/a.fountain', start: { line: 3, column: 1 }, end: { line: 3, column: 9 } };
    const rules = ['secure-environment', 'data-retention', 'Final-deliverable', 'key-creative-element', 'ärger-rule', 'data-retention'];
    const findings = rules.flatMap((rule, i) =>
      ['use-b', 'use-a'].map((useId) => ({ ...at, rule, useId, severity: 'warning', message: `${i}`, related: [] }) as unknown as Finding),
    );
    const byCollator = (a: Finding, b: Finding) => a.rule.localeCompare(b.rule) || (a.useId ?? '').localeCompare(b.useId ?? '');
    for (let round = 0; round < 3; round++)
      assert.deepEqual([...findings].sort(compareFindings), [...findings].sort(byCollator), `round ${round}`);
  });

  it('orders well-spelled rule ids as the collator does, without asking it', () => {
    const at = { file: '/p/a.fountain', start: { line: 3, column: 1 }, end: { line: 3, column: 9 } };
    // Short words from a few letters, digits and "-": prefixes, digits against letters and "-" against both.
    const ruleId = fc.stringMatching(/^[abz][abz09]{0,2}(-[abz09]{1,2}){0,2}$/);
    fc.assert(
      fc.property(fc.uniqueArray(ruleId, { minLength: 2, maxLength: 12 }), (rules) => {
        const findings = rules.map((rule) => ({ ...at, rule, severity: 'warning', message: rule, related: [] }) as unknown as Finding);
        const byCollator = (a: Finding, b: Finding) => new Intl.Collator().compare(a.rule, b.rule);
        assert.deepEqual(
          [...findings].sort(compareFindings).map((f) => f.rule),
          [...findings].sort(byCollator).map((f) => f.rule),
        );
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
