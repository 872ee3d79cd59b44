import * as assert from 'node:assert/strict';
import * as z from '../../src/core/json/zod';
import { Refinements, UnsupportedSchemaError, validatorSource } from '../../src/core/json/validatorSource';
import { generatedValidator } from '../support/generatedValidator';

const hasLetter = (text: string) => /[a-z]/i.test(text);
const even = (n: number) => n % 2 === 0;
const notNull = (value: unknown) => value !== null;
const refinements: Refinements = { byName: { hasLetter, even, notNull }, from: './refinements' };

/** Values of every JSON kind, and the near misses of the schema below. */
const VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  2,
  -1,
  1.5,
  2 ** 53,
  '',
  ' ',
  'a',
  '7',
  'abc',
  'x-1',
  'X-1',
  [],
  [''],
  ['a'],
  ['a', 'b'],
  [1],
  {},
  { a: 1 },
];

describe('validators generated from schemas (validatorSource)', () => {
  const Shape = z.looseObject({
    name: z.string().check(z.minLength(1), z.refine(hasLetter)),
    code: z.optional(z.string().check(z.regex(/^[a-z]-\d$/), z.maxLength(3))),
    count: z._default(z.number().check(z.int(), z.gte(0), z.lt(2 ** 53), z.refine(even)), 0),
    kind: z.enum(['a', 'abc']),
    version: z.literal([1, 'a']),
    flag: z.nullable(z.boolean()),
    either: z.optional(z.union([z.string(), z.array(z.number())])),
    tags: z.optional(z.array(z.string()).check(z.minLength(1))),
    strict: z.optional(z.strictObject({ a: z.optional(z.number()) })),
    stripped: z.optional(z.object({ a: z.string() })),
    lazy: z.optional(z.lazy(() => z.looseObject({ deep: z.unknown() }))),
  });
  const isValid = generatedValidator(Shape, refinements);
  const valid = { name: 'a', count: 2, kind: 'abc', version: 1, flag: null, either: [1], tags: ['a'], strict: {}, stripped: { a: '' } };

  it('accepts exactly what zod accepts, field by field, for every kind of value', () => {
    assert.equal(isValid(valid), true);
    let compared = 0;
    for (const key of [...Object.keys(Shape._zod.def.shape), 'unknown']) {
      for (const value of [...VALUES, { a: 'x' }, { a: 1, b: 2 }, { deep: [] }, [1, 2]]) {
        const input: Record<string, unknown> = { ...valid, [key]: value };
        if (value === undefined) delete input[key];
        assert.equal(isValid(input), Shape.safeParse(input).success, `${key}: ${JSON.stringify(value)}`);
        compared++;
      }
    }
    assert.ok(compared > 300);
    for (const value of VALUES) assert.equal(isValid(value), Shape.safeParse(value).success, JSON.stringify(value));
  });

  it('gives schemas written alike one function', () => {
    const source = validatorSource(z.looseObject({ a: z.string(), b: z.string(), c: z.optional(z.string()), d: z.optional(z.string()) }), {
      name: 'isValid',
      source: 'a test',
      refinements,
    });
    assert.equal(source.match(/^function /gm)?.length, 3, source);
  });

  it('refuses, naming the place, what it cannot write as zod reads it', () => {
    const refused: [string, z.ZodMiniType, RegExp][] = [
      ['a transform', z.looseObject({ n: z.pipe(z.string(), z.transform(Number)) }), /\$\.n: a pipe schema/],
      ['a record', z.looseObject({ r: z.record(z.string(), z.number()) }), /\$\.r: a record schema/],
      ['a coercion', z.looseObject({ c: z.coerce.number() }), /\$\.c: a coercion/],
      ['a refinement it cannot import', z.looseObject({ s: z.string().check(z.refine((s) => s !== 'x')) }), /\$\.s: a refinement/],
      ['a check it does not know', z.looseObject({ s: z.optional(z.string().check(z.trim())) }), /\$\.s\?: a overwrite check/],
      [
        'a check on an optional value',
        z.looseObject({ o: z.optional(z.string()).check(z.refine(notNull)) }),
        /\$\.o: a check on a schema of type "optional"/,
      ],
      ['a global pattern', z.string().check(z.regex(/a/g)), /\$: a string_format \(regex\) check/],
    ];
    for (const [what, schema, message] of refused) {
      assert.throws(
        () => validatorSource(schema, { name: 'isValid', source: 'a test', refinements }),
        (error: Error) => error instanceof UnsupportedSchemaError && message.test(error.message),
        what,
      );
    }
    type Tree = { children: Tree[] };
    const Tree: z.ZodMiniType<Tree> = z.lazy(() => z.looseObject({ children: z.array(Tree) }));
    assert.throws(() => validatorSource(Tree, { name: 'isValid', source: 'a test', refinements }), /contains itself/);
    assert.throws(
      () => validatorSource(z.catchall(z.object({}), z.number()), { name: 'isValid', source: 'a test', refinements }),
      /other keys must be a number/,
    );
  });
});
