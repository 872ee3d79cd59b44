import { z } from 'zod';

/**
 * The condition language of policy packs: tests on a recorded use's fields, by dot path
 * ("tool.environment"), combined with all / any / not. Data, so a production can write its own.
 */
export type Condition =
  | { field: string; in: Scalar[] }
  | { field: string; notIn: Scalar[] }
  | { field: string; present: boolean }
  | { field: string; nonEmpty: boolean }
  | { field: string; includesAny: Scalar[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

type Scalar = string | number | boolean;

/** A dot path into a recorded use, such as "tool.environment". */
export const FieldPath = z.lazy(() => z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'a dot path such as "tool.environment"'));
const Scalar = z.lazy(() => z.union([z.string(), z.number(), z.boolean()]));

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: FieldPath, in: z.array(Scalar).min(1) }),
    z.strictObject({ field: FieldPath, notIn: z.array(Scalar).min(1) }),
    z.strictObject({ field: FieldPath, present: z.boolean() }),
    z.strictObject({ field: FieldPath, nonEmpty: z.boolean() }),
    z.strictObject({ field: FieldPath, includesAny: z.array(Scalar).min(1) }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** The value at a dot path of a use; `undefined` where any step is missing. */
export function valueAt(subject: unknown, path: string): unknown {
  let value: unknown = subject;
  for (const key of keysOf(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Field paths split once: every use is tested against (and pointed at) the same few dozen. */
const splitPaths = new Map<string, readonly string[]>();
export function keysOf(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split('.')));
  return keys;
}

function isNonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return value !== undefined && value !== null;
}

/** Does a use meet a condition? A missing field is in no list, so `notIn` holds for it. */
export function meets(subject: unknown, condition: Condition): boolean {
  // Loops, not every()/some(): each use meets dozens of conditions, and closures add up.
  if ('all' in condition) {
    for (const part of condition.all) if (!meets(subject, part)) return false;
    return true;
  }
  if ('any' in condition) {
    for (const part of condition.any) if (meets(subject, part)) return true;
    return false;
  }
  if ('not' in condition) return !meets(subject, condition.not);
  const value = valueAt(subject, condition.field);
  if ('in' in condition) return condition.in.includes(value as Scalar);
  if ('notIn' in condition) return !condition.notIn.includes(value as Scalar);
  if ('present' in condition) return (value !== undefined && value !== null) === condition.present;
  if ('nonEmpty' in condition) return isNonEmpty(value) === condition.nonEmpty;
  return Array.isArray(value) && value.some((item) => condition.includesAny.includes(item as Scalar));
}

/**
 * Fills a message template: `{tool.name}` is the field's value, lists are joined with ", ";
 * `{path|quoted}` quotes each item, `{path|words}` turns "voice-clone" into "voice clone".
 */
export function fillTemplate(template: string, subject: unknown): string {
  return template.replace(/\{([A-Za-z0-9.]+)(?:\|(quoted|words))?\}/g, (_, path: string, filter?: string) => {
    const value = valueAt(subject, path);
    const items = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String);
    if (filter === 'quoted') return items.map((item) => `"${item}"`).join(', ');
    const text = items.join(', ');
    return filter === 'words' ? text.replace(/-/g, ' ') : text;
  });
}
