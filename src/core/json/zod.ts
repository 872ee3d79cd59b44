/**
 * zod as the core uses it: the functional build (`zod/mini`), which a bundle takes only the parts
 * of that it uses, with English messages. The chained build costs each process several times as
 * much to load, and attaches dozens of methods to every schema it builds; both fall on the path to
 * an open script's first findings and on every CLI run (docs/performance.md).
 */
import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { keptIn } from '../memo';

// The locale and the class by their own paths: reached through `z.locales` or `z.core`, a bundle
// keeps every locale and the JSON Schema generator, which nothing here needs at run time.
z.config(english());

// Re-exported name by name (not as one object), so a bundle keeps only what the schemas use.
export * from 'zod/mini';

/**
 * `schema` with a description for editors' JSON Schema, as the chained build's `.describe` gives
 * it: registered on a copy (the same schema described elsewhere keeps its own), and no check to
 * run on each parse.
 */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return withMeta(schema, { description });
}

/** `schema` with JSON Schema metadata (examples, a pattern editors check), as `.meta` gives it. */
export function withMeta<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { ...z.globalRegistry.get(schema), ...meta });
  return copy;
}

/** Validators generated from schemas when the package was built, by the schema they were generated from. */
const generatedValidators = new WeakMap<object, (input: unknown) => boolean>();

/**
 * Has `schema` checked first by `isValid`, a validator generated from it by `npm run generate`
 * (`validatorSource.ts`): it says whether a value is valid without a result object per field,
 * which on a production's thousands of files is most of validation's time and garbage, and no
 * process spends its start generating code (or needs `eval`, which a Content Security Policy may
 * forbid). What it refuses goes to zod's own parse, which has the last word and says why.
 */
export function validatedBy<T extends z.ZodMiniType>(schema: T, isValid: (input: unknown) => boolean): T {
  generatedValidators.set(schema, isValid);
  return schema;
}

/** Whether `schema` accepts `data`: by its generated validator where it has one, else by zod. */
function accepts(schema: z.ZodMiniType, data: unknown): boolean {
  return generatedValidators.get(schema)?.(data) ?? z.validate(schema, data);
}

/** The parts of a schema that code walking its tree reads (zod's own types are a wide union). */
export interface SchemaNode {
  _zod: {
    def: SchemaNodeDef;
    /** A lazy schema's, built at its first use (as the sidecar's schemas are). */
    innerType?: SchemaNode;
    /** Set where an object's key may be left out for this schema (an optional or a default one). */
    optin?: string;
  };
}

interface SchemaNodeDef {
  type: string;
  innerType?: SchemaNode;
  in?: SchemaNode;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  catchall?: SchemaNode;
  options?: readonly SchemaNode[];
  keyType?: SchemaNode;
  valueType?: SchemaNode;
  checks?: readonly { _zod: { def: { check: string } } }[];
  coerce?: boolean;
  /** A default's: a fresh copy at each read. */
  readonly defaultValue?: unknown;
}

/**
 * Fills a schema's defaults into a value the schema accepted, returning the value to keep (the
 * default itself where the value is undefined). `undefined`: the schema has no default to fill.
 * `null`: the schema can give out something other than its input plus defaults (a transform, a
 * trim, a coercion, an object that drops unknown keys), so only its own parse may say what it outputs.
 */
type DefaultsFiller = ((value: unknown) => unknown) | undefined | null;

const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'literal', 'enum', 'null', 'unknown', 'any', 'never']);

function defaultsFillerOf(node: SchemaNode, visiting: Set<SchemaNode>): DefaultsFiller {
  const def = node._zod.def;
  // A coercion ("5" read as 5) or an overwriting check (a trim) gives out other than it took in.
  if (def.coerce || def.checks?.some((check) => check._zod.def.check === 'overwrite')) return null;
  if (LEAF_TYPES.has(def.type)) return undefined;
  const child = (schema: SchemaNode | undefined) => (schema ? defaultsFillerOf(schema, visiting) : null);
  switch (def.type) {
    case 'lazy': {
      // A schema that contains itself is left to zod's parse, which follows the cycle only as deep as the data goes.
      if (visiting.has(node) || !node._zod.innerType) return null;
      visiting.add(node);
      const inner = child(node._zod.innerType);
      visiting.delete(node);
      return inner;
    }
    case 'optional':
    case 'nullable': {
      // Whether an optional default fills in for a missing value has changed between zod's releases.
      if (def.type === 'optional' && def.innerType && defaultsWhenMissing(def.innerType)) return null;
      const inner = child(def.innerType);
      if (!inner) return inner;
      const passes = def.type === 'optional' ? undefined : null;
      return (value) => (value === passes ? value : inner(value));
    }
    case 'default': {
      const inner = child(def.innerType);
      if (inner === null) return null;
      return (value) => (value === undefined ? def.defaultValue : inner ? inner(value) : value);
    }
    case 'array': {
      const item = child(def.element);
      if (!item) return item;
      return (value) => {
        const items = value as unknown[];
        for (let i = 0; i < items.length; i++) items[i] = item(items[i]);
        return items;
      };
    }
    case 'object': {
      // Without a catch-all (z.object) unknown keys are dropped; z.looseObject keeps them as they are.
      if (!def.catchall || child(def.catchall) !== undefined) return null;
      const members: [string, (value: unknown) => unknown][] = [];
      for (const [key, schema] of Object.entries(def.shape ?? {})) {
        const fill = child(schema);
        if (fill === null) return null;
        if (fill) members.push([key, fill]);
      }
      if (members.length === 0) return undefined;
      return (value) => {
        const record = value as Record<string, unknown>;
        for (const [key, fill] of members) {
          const before = Object.hasOwn(record, key) ? record[key] : undefined;
          const after = fill(before);
          if (after !== before) record[key] = after;
        }
        return record;
      };
    }
    case 'union':
      return def.options?.every((option) => child(option) === undefined) ? undefined : null;
    case 'record':
      return child(def.keyType) === undefined && child(def.valueType) === undefined ? undefined : null;
    default:
      return null;
  }
}

/** A default, or one wrapped in what passes a missing value on to it. */
function defaultsWhenMissing(node: SchemaNode): boolean {
  const { type, innerType } = node._zod.def;
  const inner = type === 'lazy' ? node._zod.innerType : innerType;
  return type === 'default' || (['optional', 'nullable', 'lazy'].includes(type) && !!inner && defaultsWhenMissing(inner));
}

/** Each schema's filler, or `null`; a schema without defaults keeps its data as it is. */
const defaultsFillers = new WeakMap<object, ((value: unknown) => unknown) | null>();
const keptAsItIs = (value: unknown) => value;

/**
 * `data` itself, with `schema`'s defaults filled in, when the schema accepts it and its parse would
 * give out nothing else: what `safeParse` builds, without building it. A schema `validatedBy` a
 * generated validator is checked with it, so a production's thousands of parsed sidecars are kept as
 * `JSON.parse` made them (compact objects, and no second copy for the collector to move).
 * `undefined` when the data is invalid or the schema may change it: parse it then.
 * `data` must be the caller's own (it is filled in place), as freshly parsed JSON is.
 */
export function validInPlace<T>(schema: z.ZodMiniType<T>, data: unknown): { success: true; data: T } | undefined {
  const fill = keptIn(defaultsFillers, schema, () => {
    const filler = defaultsFillerOf(schema, new Set());
    return filler === undefined ? keptAsItIs : filler; // null stays null: left to zod
  });
  if (fill === null || !accepts(schema, data)) return undefined;
  return { success: true, data: fill(data) as T };
}
