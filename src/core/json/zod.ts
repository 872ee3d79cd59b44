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
