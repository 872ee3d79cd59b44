import * as z from '../json/zod';
import { keptIn } from '../memo';
import { Use, useName } from '../sidecar/schema';

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
export const FieldPath = z.lazy(() =>
  z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'a dot path such as "tool.environment"')),
);
const Scalar = z.lazy(() => z.union([z.string(), z.number(), z.boolean()]));
const Scalars = () => z.array(Scalar).check(z.minLength(1));

export const Condition: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: FieldPath, in: Scalars() }),
    z.strictObject({ field: FieldPath, notIn: Scalars() }),
    z.strictObject({ field: FieldPath, present: z.boolean() }),
    z.strictObject({ field: FieldPath, nonEmpty: z.boolean() }),
    z.strictObject({ field: FieldPath, includesAny: Scalars() }),
    z.strictObject({ all: z.array(Condition).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(Condition).check(z.minLength(1)) }),
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
  return keptIn(splitPaths, path, () => path.split('.'));
}

function isNonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return value !== undefined && value !== null;
}

/** A condition or a template made into a function of the use, once: see `compiled`. */
export type Test = (subject: unknown) => boolean;
export type Fill = (subject: unknown) => string;

/**
 * Does a use meet a condition? A missing field is in no list, so `notIn` holds for it. Asked of
 * a compiled condition: a large production's uses are each tested against the same few dozen
 * conditions, and reading each condition's shape and splitting its paths every time dominated.
 */
export function meets(subject: unknown, condition: Condition): boolean {
  return compiled(condition)(subject);
}

/** The condition as a function, made at its first use and kept with the condition object. */
export function compiled(condition: Condition): Test {
  return keptIn(compiledConditions, condition, compile);
}

const compiledConditions = new WeakMap<Condition, Test>();

function compile(condition: Condition): Test {
  if ('all' in condition) {
    const parts = condition.all.map(compiled);
    return (subject) => {
      for (const part of parts) if (!part(subject)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compiled);
    return (subject) => {
      for (const part of parts) if (part(subject)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const part = compiled(condition.not);
    return (subject) => !part(subject);
  }
  const read = reader(condition.field);
  if ('in' in condition) {
    const list = condition.in;
    return (subject) => list.includes(read(subject) as Scalar);
  }
  if ('notIn' in condition) {
    const list = condition.notIn;
    return (subject) => !list.includes(read(subject) as Scalar);
  }
  if ('present' in condition) {
    const present = condition.present;
    return (subject) => {
      const value = read(subject);
      return (value !== undefined && value !== null) === present;
    };
  }
  if ('nonEmpty' in condition) {
    const nonEmpty = condition.nonEmpty;
    return (subject) => isNonEmpty(read(subject)) === nonEmpty;
  }
  const wanted = condition.includesAny;
  return (subject) => {
    const value = read(subject);
    if (!Array.isArray(value)) return false;
    for (const item of value) if (wanted.includes(item as Scalar)) return true;
    return false;
  };
}

/** Reads the value at a dot path (`undefined` where a step is missing); one or two steps, the usual, unrolled. */
function reader(path: string): (subject: unknown) => unknown {
  const keys = keysOf(path);
  const step = (value: unknown, key: string) =>
    value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  if (keys.length === 1) return (subject) => step(subject, keys[0]);
  if (keys.length === 2) return (subject) => step(step(subject, keys[0]), keys[1]);
  return (subject) => valueAt(subject, path);
}

/** `{name}`: how the use is named to people, its title or else its id. */
function readName(subject: unknown): unknown {
  return useName(subject as Use);
}

const PLACEHOLDER = /\{([A-Za-z0-9.]+)(?:\|(quoted|words))?\}/g;

/**
 * Fills a message template: `{tool.name}` is the field's value, lists are joined with ", "; `{name}`
 * is the use's title, or its id where it has none;
 * `{path|quoted}` quotes each item, `{path|words}` turns "voice-clone" into "voice clone".
 */
export function fillTemplate(template: string, subject: unknown): string {
  return compiledTemplate(template)(subject);
}

/** The template as a function: its text cut once into literal parts and placeholders. */
export function compiledTemplate(template: string): Fill {
  return keptIn(compiledTemplates, template, compileTemplate);
}

/** By template text: a catalogue's templates are few, and the same text fills the same way. */
const compiledTemplates = new Map<string, Fill>();

function compileTemplate(template: string): Fill {
  // Alternating: literal, placeholder, literal, ..., literal.
  const literals: string[] = [];
  const placeholders: ((subject: unknown) => string)[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    const read = match[1] === 'name' ? readName : reader(match[1]);
    placeholders.push(placeholder(read, match[2] as 'quoted' | 'words' | undefined));
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  if (placeholders.length === 0) return () => template;
  return (subject) => {
    let text = literals[0];
    for (let i = 0; i < placeholders.length; i++) text += placeholders[i](subject) + literals[i + 1];
    return text;
  };
}

/** A recorded value as a message shows it: an object (never expected, but data) as its JSON. */
function asText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function placeholder(read: (subject: unknown) => unknown, filter: 'quoted' | 'words' | undefined): (subject: unknown) => string {
  return (subject) => {
    const value = read(subject);
    // One value, as most placeholders ("{name}") are: no list to make.
    if (filter === undefined && !Array.isArray(value)) return value === undefined || value === null ? '' : asText(value);
    const items = (Array.isArray(value) ? (value as unknown[]) : value === undefined || value === null ? [] : [value]).map(asText);
    if (filter === 'quoted') return items.map((item) => `"${item}"`).join(', ');
    const text = items.join(', ');
    return filter === 'words' ? text.replace(/-/g, ' ') : text;
  };
}
