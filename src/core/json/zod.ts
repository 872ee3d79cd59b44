/**
 * zod as the core uses it: the functional build (`zod/mini`), which a bundle takes only the parts
 * of that it uses, with English messages. The chained build costs each process several times as
 * much to load, and attaches dozens of methods to every schema it builds; both fall on the path to
 * an open script's first findings and on every CLI run (docs/performance.md).
 */
import * as z from 'zod/mini';

z.config(z.locales.en());

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

/**
 * `schema` as one generated function (`z.compile`): it builds the parsed value directly, without a
 * result object per field, which on a production's thousands of sidecars is most of validation's
 * time and garbage. Bad input still goes to the schema itself, so its messages are zod's own; where
 * code cannot be generated (a Content Security Policy without eval), `schema` is returned as it is.
 * A `z.lazy` inside the tree is left to the interpreter, so `schema` should hold none but its own.
 */
export function compiled<T extends z.ZodMiniType>(schema: T): T {
  return z.compile(schema instanceof z.core.$ZodLazy ? (schema._zod.innerType as T) : schema);
}
