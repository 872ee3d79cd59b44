import { Sidecar } from './schema';

export type LineEnding = '\n' | '\r\n';

/**
 * Writes a sidecar as people and git like it: keys in schema order (unknown keys after, in the
 * order they came), two-space indent, the file's own line ending and a trailing newline. The same
 * data always gives the same bytes, so a re-save without a change is not a diff.
 */
export function serializeSidecar(sidecar: Sidecar, lineEnding: LineEnding = '\n'): string {
  const ordered = orderKeys(sidecar, Sidecar);
  const json = JSON.stringify(ordered, null, 2) + '\n';
  return lineEnding === '\n' ? json : json.replace(/\n/g, '\r\n');
}

/** The line ending an existing file uses, so a rewrite keeps it. */
export function detectLineEnding(text: string): LineEnding {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

interface Schema {
  _zod: {
    def: SchemaDef;
    /** A lazy schema's, built at its first use (as the sidecar's schemas are). */
    innerType?: Schema;
  };
}

interface SchemaDef {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
}

/** Walks the zod schema beside the value to learn each object's declared key order. */
function orderKeys(value: unknown, schema: Schema | undefined): unknown {
  // Through optional, default, pipe and lazy schemas to the object or array they wrap.
  while (schema && schema._zod.def.type !== 'object' && schema._zod.def.type !== 'array') {
    const def = schema._zod.def;
    schema = def.type === 'lazy' ? schema._zod.innerType : (def.innerType ?? def.in);
  }
  const def = schema?._zod.def;
  if (Array.isArray(value)) {
    return value.map((item) => orderKeys(item, def?.type === 'array' ? def.element : undefined));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const shape = def?.type === 'object' ? (def.shape ?? {}) : {};
  // Own keys only, into an object without a prototype: keys such as "valueOf" or "__proto__" in
  // data a person or a newer release wrote are data like any other.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(shape)) {
    if (Object.hasOwn(record, key) && record[key] !== undefined) out[key] = orderKeys(record[key], shape[key]);
  }
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key) && record[key] !== undefined) out[key] = orderKeys(record[key], undefined);
  }
  return out;
}
