import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonSteps } from '../../src/core/report/json';
import { runSteps } from '../../src/core/workspace/scan';

/** JSON values, and the things JSON.stringify leaves out or writes as null (undefined, functions). */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(undefined),
    fc.constant(() => 0),
    fc.array(tie('any'), { maxLength: 7 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('any'), { maxKeys: 6 }),
  ),
})).any;

describe('JSON written in steps', () => {
  it('is JSON.stringify(value, null, 2) byte for byte, whatever the step size', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(1, 2, 3, 500), (input, rowsPerStep) => {
        assert.equal(runSteps(jsonSteps(input, rowsPerStep)).join(''), JSON.stringify(input, null, 2) ?? '');
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });

  it("pauses after each run of a long array's items, and every few items of short ones", () => {
    const report = {
      uses: Array.from({ length: 10 }, (_, i) => ({ id: `use-${i}`, files: ['a.png'] })),
      groups: [{ findings: [1, 2, 3] }, { findings: [4, 5] }],
    };
    const steps = jsonSteps(report, 3);
    let pauses = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) pauses++;
    // 10 uses, a long array: a pause after each run of up to 3 (4). The short arrays' 7 items (2
    // groups, 5 findings) are counted across them: a pause after every third (2).
    assert.equal(pauses, 6);
  });
});
