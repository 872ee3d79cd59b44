import type { JsonPath } from './validatedJson';

/** Where a JSON value (or a key) lies in its text: an offset and a length, strings with their quotes. */
export interface JsonSpan {
  offset: number;
  length: number;
}

/**
 * The members of one object or array, as numbers rather than an object per member (a check lists
 * tens of thousands): for member `m`, its key's span at `spans[4m]` and `spans[4m + 1]` (objects
 * only) and its value's at `spans[4m + 2]` and `spans[4m + 3]`.
 */
interface Members {
  isObject: boolean;
  spans: number[];
  /** Keys written with escapes, by member: the rest are compared where they stand in the text. */
  escapedKeys?: Map<number, string>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Finds where paths lie in JSON text that JSON.parse accepted, without building a tree: it lists
 * the members of only the objects and arrays a path goes through (skipping every other value with
 * a character loop), and remembers those lists, so all the places asked of one file cost a few
 * passes over it. jsonc-parser's tree gives the same answers (a test compares them) but allocates a
 * node per value, several times the cost of the parse, for files where a handful of places are asked.
 *
 * A path that does not exist is answered with its deepest existing part: the key of that member
 * when it is an object's (`"tool"` for a missing `tool.version`), else the value itself.
 */
export class JsonPlaces {
  /** By where each object or array starts. */
  private readonly members = new Map<number, Members>();
  /**
   * Where each object or array scanned so far ends, by where it starts: the scan past the root's
   * `uses` passes every use and field in it, so listing their members later scans none again.
   */
  private readonly ends = new Map<number, number>();

  constructor(private readonly text: string) {}

  locate(path: JsonPath): JsonSpan {
    let offset = this.skipSpace(0);
    let length: number | undefined; // undefined for the root: its end is found only if it is the answer
    let viaKey: JsonSpan | undefined;
    for (const step of path) {
      const members = this.membersOf(offset);
      const m = typeof step === 'number' ? this.itemIndex(members, step) : this.keyIndex(members, step);
      if (m < 0) {
        if (viaKey) return viaKey;
        break;
      }
      const { spans } = members;
      viaKey = members.isObject ? { offset: spans[4 * m], length: spans[4 * m + 1] } : undefined;
      offset = spans[4 * m + 2];
      length = spans[4 * m + 3];
    }
    return { offset, length: length ?? this.valueEnd(offset) - offset };
  }

  private itemIndex({ isObject, spans }: Members, index: number): number {
    return !isObject && Number.isInteger(index) && index >= 0 && index < spans.length / 4 ? index : -1;
  }

  /** As JSON.parse reads objects, the last of a key given twice is the one that counts. */
  private keyIndex({ isObject, spans, escapedKeys }: Members, key: string): number {
    if (!isObject) return -1;
    for (let m = spans.length / 4 - 1; m >= 0; m--) {
      const escaped = escapedKeys?.get(m);
      if (escaped === undefined ? spans[4 * m + 1] === key.length + 2 && this.text.startsWith(key, spans[4 * m] + 1) : escaped === key)
        return m;
    }
    return -1;
  }

  /** The members of the object or array at `offset` (none for a scalar), listed once per container. */
  private membersOf(offset: number): Members {
    const known = this.members.get(offset);
    if (known) return known;
    const text = this.text;
    const open = text.charCodeAt(offset);
    const members: Members = { isObject: open === 0x7b, spans: [] };
    const { isObject, spans } = members;
    if (isObject || open === 0x5b) {
      let i = this.skipSpace(offset + 1);
      while (i < text.length && text.charCodeAt(i) !== (isObject ? 0x7d : 0x5d)) {
        const memberStart = i;
        if (isObject) {
          const keyEnd = stringEnd(text, i);
          if (hasBackslash(text, i + 1, keyEnd - 1))
            (members.escapedKeys ??= new Map()).set(spans.length / 4, JSON.parse(text.slice(i, keyEnd)) as string);
          spans.push(i, keyEnd - i);
          i = this.skipSpace(this.skipSpace(keyEnd) + 1); // past the colon
        } else {
          spans.push(-1, 0);
        }
        const valueEnd = this.valueEnd(i);
        spans.push(i, valueEnd - i);
        i = this.skipSpace(valueEnd);
        if (text.charCodeAt(i) === 0x2c) i = this.skipSpace(i + 1);
        // Text JSON.parse accepted always moves on; anything else must not hang the check.
        else if (i <= memberStart) break;
      }
    }
    this.members.set(offset, members);
    return members;
  }

  private skipSpace(i: number): number {
    const text = this.text;
    for (let ch = text.charCodeAt(i); ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09; ch = text.charCodeAt(++i));
    return i;
  }

  /** The offset just past the value starting at `i`. */
  private valueEnd(i: number): number {
    const text = this.text;
    const first = text.charCodeAt(i);
    if (first === QUOTE) return stringEnd(this.text, i);
    if (first === 0x7b || first === 0x5b) {
      const known = this.ends.get(i);
      if (known !== undefined) return known;
      const opened: number[] = [];
      for (let j = i; j < text.length; j++) {
        const ch = text.charCodeAt(j);
        if (ch === QUOTE) j = stringEnd(this.text, j) - 1;
        else if (ch === 0x7b || ch === 0x5b) opened.push(j);
        else if (ch === 0x7d || ch === 0x5d) {
          const start = opened.pop();
          if (start !== undefined) this.ends.set(start, j + 1);
          if (opened.length === 0) return j + 1;
        }
      }
      return text.length;
    }
    // A number, true, false or null: up to the next delimiter.
    let j = i;
    for (
      let ch = text.charCodeAt(j);
      j < text.length && ch !== 0x2c && ch !== 0x7d && ch !== 0x5d && ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09;
      ch = text.charCodeAt(++j)
    );
    return j;
  }
}

/**
 * The offset just past the JSON string whose opening quote is at `i` (the text's length if it is
 * not closed). Strings are most of a sidecar's text: indexOf jumps from quote to quote, and a quote
 * after an odd run of backslashes is escaped.
 */
export function stringEnd(text: string, i: number): number {
  for (let j = text.indexOf('"', i + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
  return text.length;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}
