import { TextPieces } from '../text/pieces';
import { ITEMS_PER_STEP, Steps } from '../workspace/scan';

/** How deep the writer walks looking for arrays (SARIF's results lie at depth 3); deeper, JSON.stringify writes. */
const WALKED_DEPTH = 4;

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, in steps and as pieces (nothing for what JSON
 * cannot hold, as JSON.stringify gives `undefined`): a long array (a report's uses and findings,
 * SARIF's results) is written `rowsPerStep` items at a time, each run a piece; the items of short
 * arrays are counted across the whole value, pausing every `rowsPerStep`. Only plain objects and
 * short arrays near the top are walked; the rest is left to JSON.stringify.
 */
export function* jsonSteps(value: unknown, rowsPerStep = ITEMS_PER_STEP): Steps<TextPieces> {
  const pieces: string[] = [];
  let rows = 0;
  /** Writes `value` after `lead` (its key or indent); false, with nothing written, where JSON.stringify leaves it out. */
  function* write(value: unknown, lead: string, indent: string, depth: number): Steps<boolean> {
    if (!isWalkable(value) || depth >= WALKED_DEPTH) {
      const text = plainJson(value, indent);
      if (text !== undefined) pieces.push(lead + text);
      return text !== undefined;
    }
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        pieces.push(`${lead}[]`);
      } else if (value.length > rowsPerStep) {
        // A long array: its items a step's worth at a time, each such run by JSON.stringify itself.
        pieces.push(`${lead}[\n`);
        for (let start = 0; start < value.length; start += rowsPerStep) {
          pieces.push(`${start > 0 ? ',\n' : ''}${itemsText(value.slice(start, start + rowsPerStep), depth)}`);
          rows = 0;
          yield;
        }
        pieces.push(`\n${indent}]`);
      } else {
        pieces.push(`${lead}[`);
        for (let i = 0; i < value.length; i++) {
          const itemLead = `${i > 0 ? ',' : ''}\n${inner}`;
          // As JSON.stringify writes what JSON cannot hold (undefined, functions) in an array.
          if (!(yield* write(value[i], itemLead, inner, depth + 1))) pieces.push(`${itemLead}null`);
          if (++rows >= rowsPerStep) {
            rows = 0;
            yield;
          }
        }
        pieces.push(`\n${indent}]`);
      }
      return true;
    }
    const opening = pieces.push(`${lead}{`) - 1;
    let written = 0;
    for (const [key, item] of Object.entries(value)) {
      // As JSON.stringify leaves out properties JSON cannot hold.
      if (yield* write(item, `${written > 0 ? ',' : ''}\n${inner}${JSON.stringify(key)}: `, inner, depth + 1)) written++;
    }
    if (written > 0) pieces.push(`\n${indent}}`);
    else pieces[opening] = `${lead}{}`;
    return true;
  }
  yield* write(value, '', '', 0);
  return pieces;
}

function isWalkable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
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
