import * as assert from 'node:assert/strict';
import * as z from '../../src/core/json/zod';
import { generatedValidator } from '../support/generatedValidator';

/** What zod's own parse gives, or undefined where it refuses. */
const parsed = (schema: z.ZodMiniType, data: unknown) => {
  const result = schema.safeParse(structuredClone(data));
  return result.success ? result.data : undefined;
};

describe('valid data kept as parsed (validInPlace)', () => {
  const Item = z.looseObject({ name: z.string(), tags: z._default(z.array(z.string()), []) });
  const Record = z.looseObject({
    version: z.literal(1),
    note: z.optional(z.string()),
    items: z.array(Item),
    extra: z.optional(z.looseObject({ flags: z._default(z.array(z.boolean()), []), when: z.nullable(z.string()) })),
  });

  for (const [name, schema] of [
    ['interpreted', Record],
    ['with a generated validator', z.validatedBy(Record.clone(), generatedValidator(Record, { byName: {}, from: '' }))],
  ] as const) {
    it(`keeps the very object, with defaults filled in as zod fills them (${name})`, () => {
      const data = {
        items: [
          { name: 'a', later: 1 },
          { name: 'b', tags: ['x'] },
        ],
        version: 1,
        extra: { when: null },
        unknown: { deep: [1] },
      };
      const expected = parsed(schema, data);
      const kept = z.validInPlace(schema, data);
      assert.ok(kept);
      assert.equal(kept.data, data, 'no copy is made');
      assert.deepEqual(kept.data, expected);
      assert.deepEqual(data.items[0], { name: 'a', later: 1, tags: [] });
    });

    it(`gives every value its own default, never one shared array (${name})`, () => {
      const first = z.validInPlace(schema, { version: 1, items: [{ name: 'a' }, { name: 'b' }] });
      const items = (first?.data as { items: { tags: string[] }[] }).items;
      assert.notEqual(items[0].tags, items[1].tags);
    });

    it(`says nothing of invalid data, leaving it as it was (${name})`, () => {
      const data = { version: 2, items: [{ name: 'a' }] };
      assert.equal(z.validInPlace(schema, data), undefined);
      assert.deepEqual(data, { version: 2, items: [{ name: 'a' }] });
    });
  }

  it('leaves to zod every schema whose output is not its input plus defaults', () => {
    const valid = { name: ' a ', unknown: true, tags: ['x'] };
    const changing: [string, z.ZodMiniType][] = [
      ['an object that drops unknown keys', z.object({ name: z.string() })],
      ['a trim', z.looseObject({ name: z.string().check(z.trim()) })],
      ['a coercion', z.looseObject({ unknown: z.coerce.string() })],
      [
        'a transform',
        z.looseObject({
          name: z.pipe(
            z.string(),
            z.transform((s) => s.length),
          ),
        }),
      ],
      ['a default inside a union', z.union([z.looseObject({ name: z.string(), tags: z._default(z.array(z.string()), []) }), z.string()])],
      ['an optional default', z.looseObject({ name: z.string(), missing: z.optional(z._default(z.string(), 'filled')) })],
    ];
    for (const [what, schema] of changing) {
      assert.ok(parsed(schema, valid) !== undefined, `${what}: the data is valid`);
      assert.equal(z.validInPlace(schema, valid), undefined, what);
    }
  });

  it('keeps data that strict objects, records and unions without defaults accept', () => {
    const schema = z.strictObject({
      counts: z.record(z.string(), z.number()),
      either: z.union([z.string(), z.looseObject({ n: z.number() })]),
    });
    const data = { counts: { a: 1 }, either: { n: 2, more: 'kept' } };
    assert.equal(z.validInPlace(schema, data)?.data, data);
    assert.deepEqual(data, parsed(schema, data));
  });

  it('leaves a schema that contains itself to zod', () => {
    type Tree = { children: Tree[] };
    const Tree: z.ZodMiniType<Tree> = z.lazy(() => z.looseObject({ children: z.array(Tree) }));
    assert.equal(z.validInPlace(Tree, { children: [{ children: [] }] }), undefined);
    assert.ok(parsed(Tree, { children: [{ children: [] }] }));
  });
});
