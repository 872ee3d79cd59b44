import type { SchemaNode } from '../json/zod';
import { Sidecar } from './schema';

export type LineEnding = '\n' | '\r\n';

/**
 * Writes a sidecar as people and git like it: keys in schema order (unknown keys after, in the
 * order they came), two-space indent, the file's own line ending and a trailing newline. The same
 * data always gives the same bytes, so a re-save without a change is not a diff.
 */
export function serializeSidecar(sidecar: Sidecar, lineEnding: LineEnding = '\n'): string {
  const walk = { deepest: 0 };
  const ordered = orderKeys(sidecar, Sidecar, 0, walk);
  // The engine's own indenting where it cannot multiply the size (every sidecar this tool writes).
  const json = (walk.deepest * 2 < MAX_INDENT ? JSON.stringify(ordered, null, 2) : indented(ordered, '')) + '\n';
  return lineEnding === '\n' ? json : json.replace(/\n/g, '\r\n');
}

/** The sidecar with its keys in the order `serializeSidecar` writes them. */
export function orderedSidecar(sidecar: Sidecar): Sidecar {
  return orderKeys(sidecar, Sidecar, 0, { deepest: 0 }) as Sidecar;
}

/**
 * Deeper than any field of the format, values are written on one line: indenting each level of
 * deeply nested data someone put in a sidecar would multiply its size with every level.
 */
const MAX_INDENT = 2 * 8;

/** As JSON.stringify(value, null, 2), down to MAX_INDENT; compact below it. */
function indented(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object' || indent.length >= MAX_INDENT) return JSON.stringify(value) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + indented(item, inner)).join(',\n')}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${indented(record[key], inner)}`).join(',\n')}\n${indent}}`;
}

/** The line ending an existing file uses, so a rewrite keeps it. */
export function detectLineEnding(text: string): LineEnding {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Walks the zod schema beside the value to learn each object's declared key order. */
function orderKeys(value: unknown, schema: SchemaNode | undefined, depth: number, walk: { deepest: number }): unknown {
  if (depth > walk.deepest) walk.deepest = depth;
  // Through optional, default, pipe and lazy schemas to the object or array they wrap.
  while (schema && schema._zod.def.type !== 'object' && schema._zod.def.type !== 'array') {
    const def = schema._zod.def;
    schema = def.type === 'lazy' ? schema._zod.innerType : (def.innerType ?? def.in);
  }
  const def = schema?._zod.def;
  if (Array.isArray(value)) {
    return value.map((item) => orderKeys(item, def?.type === 'array' ? def.element : undefined, depth + 1, walk));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const shape = def?.type === 'object' ? (def.shape ?? {}) : {};
  // Own keys only, into an object without a prototype: keys such as "valueOf" or "__proto__" in
  // data a person or a newer release wrote are data like any other.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(shape)) {
    if (Object.hasOwn(record, key) && record[key] !== undefined) out[key] = orderKeys(record[key], shape[key], depth + 1, walk);
  }
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key) && record[key] !== undefined) out[key] = orderKeys(record[key], undefined, depth + 1, walk);
  }
  return out;
}
