import * as assert from 'node:assert/strict';
import { mapRange, mapRangeThrough } from '../../src/core/anchor/track';

// "0123456789" with the tag on [3, 7): "3456"
const TAG = { start: 3, end: 7 };
const edit = (offset: number, deleted: number, inserted: string) => ({ offset, deleted, inserted });

describe('tracking a tagged range through edits', () => {
  const cases: [string, ReturnType<typeof edit>, { start: number; end: number }][] = [
    ['typing before it moves it', edit(1, 0, 'ab'), { start: 5, end: 9 }],
    ['typing at its start stays outside', edit(3, 0, 'ab'), { start: 5, end: 9 }],
    ['typing inside grows it', edit(5, 0, 'ab'), { start: 3, end: 9 }],
    ['typing at its end stays outside', edit(7, 0, 'ab'), { start: 3, end: 7 }],
    ['typing after it leaves it', edit(9, 0, 'ab'), { start: 3, end: 7 }],
    ['deleting before it moves it back', edit(0, 2, ''), { start: 1, end: 5 }],
    ['deleting inside shrinks it', edit(4, 2, ''), { start: 3, end: 5 }],
    ['deleting into its start cuts it', edit(1, 4, ''), { start: 1, end: 3 }],
    ['deleting from inside past its end cuts it', edit(5, 4, ''), { start: 3, end: 5 }],
    ['replacing a word inside keeps the new word in it', edit(4, 2, 'XYZ'), { start: 3, end: 8 }],
    ['deleting all of it empties it', edit(2, 6, ''), { start: 2, end: 2 }],
    ['replacing all of it keeps the replacement tagged', edit(3, 4, 'new'), { start: 3, end: 6 }],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => assert.deepEqual(mapRange(TAG, change), expected));
  }

  it('applies a multi-cursor edit whose changes all refer to the text before it', () => {
    // Insert "a" at 1 and at 5 (inside) in one event, as the editor reports them.
    assert.deepEqual(mapRangeThrough(TAG, [edit(1, 0, 'a'), edit(5, 0, 'a')]), { start: 4, end: 9 });
  });
});
