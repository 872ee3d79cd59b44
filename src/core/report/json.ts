import { ITEMS_PER_STEP, Steps } from '../workspace/scan';

/** How deep the writer walks looking for arrays (SARIF's results lie at depth 3); deeper, JSON.stringify writes. */
const WALKED_DEPTH = 4;

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, in steps: a long array (a report's uses and
 * findings, SARIF's results) is written `rowsPerStep` items at a time; the items of short arrays
 * are counted across the whole value, pausing every `rowsPerStep`. Only plain objects and short
 * arrays near the top are walked; the rest is left to JSON.stringify.
 */
export function* jsonSteps(value: unknown, rowsPerStep = ITEMS_PER_STEP): Steps<string | undefined> {
  let rows = 0;
  function* walk(value: unknown, indent: string, depth: number): Steps<string | undefined> {
    if (!isWalkable(value) || depth >= WALKED_DEPTH) return plainJson(value, indent);
    const inner = `${indent}  `;
    const parts: string[] = [];
    if (Array.isArray(value)) {
      if (value.length > rowsPerStep) {
        // A long array: its items a step's worth at a time, each such run by JSON.stringify itself.
        for (let start = 0; start < value.length; start += rowsPerStep) {
          parts.push(itemsText(value.slice(start, start + rowsPerStep), depth));
          rows = 0;
          yield;
        }
      } else {
        for (const item of value) {
          // As JSON.stringify writes what JSON cannot hold (undefined, functions) in an array.
          parts.push(`${inner}${(yield* walk(item, inner, depth + 1)) ?? 'null'}`);
          if (++rows >= rowsPerStep) {
            rows = 0;
            yield;
          }
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

/**
 * The items of an array at `depth`, as JSON.stringify writes them there (indented, one after the
 * other, without the brackets): the array is nested in `depth` arrays so JSON.stringify indents it
 * itself, and the items are cut out of that, which costs no pass over the text.
 */
function itemsText(items: readonly unknown[], depth: number): string {
  let nested: unknown = items;
  for (let level = 0; level < depth; level++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // depth + 1 lines "[" (at 0, 2, 4 ... spaces, and a line break) open it; as many "]" close it.
  let wrapping = 0;
  for (let level = 0; level <= depth; level++) wrapping += 2 * level + 2;
  return text.slice(wrapping, text.length - wrapping);
}

/** JSON.stringify's text for a value written at `indent` (JSON strings hold no raw line breaks). */
function plainJson(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined || indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}
