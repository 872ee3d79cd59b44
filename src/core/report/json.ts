import { Steps } from '../workspace/scan';
import { ROWS_PER_STEP } from './text';

/** How deep the writer walks looking for arrays (SARIF's results lie at depth 3); deeper, JSON.stringify writes. */
const WALKED_DEPTH = 4;

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, in steps: array items (a report's uses and
 * findings, SARIF's results) are written `rowsPerStep` at a time, counted across the whole value.
 * Only plain objects and short arrays near the top are walked; the rest is left to JSON.stringify.
 */
export function* jsonSteps(value: unknown, rowsPerStep = ROWS_PER_STEP): Steps<string | undefined> {
  let rows = 0;
  function* walk(value: unknown, indent: string, depth: number): Steps<string | undefined> {
    if (!isWalkable(value) || depth >= WALKED_DEPTH) return plainJson(value, indent);
    const inner = `${indent}  `;
    const parts: string[] = [];
    if (Array.isArray(value)) {
      // A long array's items are written whole (JSON.stringify is fastest); a short one's walked into.
      const long = value.length > rowsPerStep;
      for (const item of value) {
        const text = long ? plainJson(item, inner) : yield* walk(item, inner, depth + 1);
        // As JSON.stringify writes what JSON cannot hold (undefined, functions) in an array.
        parts.push(`${inner}${text ?? 'null'}`);
        if (++rows >= rowsPerStep) {
          rows = 0;
          yield;
        }
      }
      return parts.length === 0 ? '[]' : `[\n${parts.join(',\n')}\n${indent}]`;
    }
    for (const [key, item] of Object.entries(value)) {
      const text = yield* walk(item, inner, depth + 1);
      // As JSON.stringify leaves out properties JSON cannot hold.
      if (text !== undefined) parts.push(`${inner}${JSON.stringify(key)}: ${text}`);
    }
    return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${indent}}`;
  }
  return yield* walk(value, '', 0);
}

function isWalkable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** JSON.stringify's text for a value written at `indent` (JSON strings hold no raw line breaks). */
function plainJson(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined || indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}
