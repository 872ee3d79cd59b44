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

/** What one pass over JSON text (outside strings) tells before any parser runs. */
export interface JsonShape {
  /** The offset where brackets first nest deeper than the limit, or -1 (then the rest was not read). */
  tooDeepAt: number;
  /** Property separators: in valid JSON, exactly how many keys the text spells. */
  colons: number;
  /**
   * Each object and array in the order of the text, as two numbers: where it starts (so these are
   * sorted), and just past where it ends (the text's end for one not closed).
   */
  containers: number[];
}

/**
 * One native-speed pass: cheaper than any parser, it protects the recursive ones from absurd
 * nesting, and where it sees each object and array end spares JsonPlaces scanning past them.
 */
export function shapeOf(text: string, limit = Infinity): JsonShape {
  let depth = 0;
  let colons = 0;
  const containers: number[] = [];
  const opened = openedScratch; // where the containers not yet closed are in `containers`, innermost last
  opened.length = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) i = stringEnd(text, i) - 1;
    else if (ch === 0x3a) colons++;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > limit) return { tooDeepAt: i, colons, containers };
      opened.push(containers.length);
      containers.push(i, text.length);
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      const closed = opened.pop();
      if (closed !== undefined) containers[closed + 1] = i + 1;
    }
  }
  return { tooDeepAt: -1, colons, containers };
}

/** Reused by every pass (they never overlap): one array, not one per file. */
const openedScratch: number[] = [];

/**
 * Finds where paths lie in JSON text that JSON.parse accepted, without building a tree: it lists
 * the members of only the objects and arrays a path goes through (stepping over nested ones by
 * where `shapeOf` saw them end), and remembers those lists, so all the places asked of one file
 * cost about one pass over it. jsonc-parser's tree gives the same answers (a test compares them)
 * but allocates a node per value, several times the cost of the parse, for files where a handful
 * of places are asked.
 *
 * A path that does not exist is answered with its deepest existing part: the key of that member
 * when it is an object's (`"tool"` for a missing `tool.version`), else the value itself.
 */
export class JsonPlaces {
  /** The members of each container listed so far, by its index in the shape. */
  private readonly memberLists: (Members | undefined)[] = [];
  /** Most files have no backslash at all: their keys are not looked through for escapes. */
  private readonly mayHaveEscapes: boolean;

  /** `shape`: the text's, when the caller has it already. */
  constructor(
    private readonly text: string,
    private readonly shape: JsonShape = shapeOf(text),
  ) {
    this.mayHaveEscapes = text.includes('\\');
  }

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
    const container = this.containerAt(offset);
    const known = container >= 0 ? this.memberLists[container] : undefined;
    if (known) return known;
    const text = this.text;
    const members: Members = { isObject: text.charCodeAt(offset) === 0x7b, spans: [] };
    const { isObject, spans } = members;
    if (container >= 0) {
      let i = this.skipSpace(offset + 1);
      while (i < text.length && text.charCodeAt(i) !== (isObject ? 0x7d : 0x5d)) {
        const memberStart = i;
        if (isObject) {
          const keyEnd = stringEnd(text, i);
          if (this.mayHaveEscapes && hasBackslash(text, i + 1, keyEnd - 1))
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
      this.memberLists[container] = members;
    }
    return members;
  }

  /** The index of the object or array that starts at `offset`, or -1 (a scalar starts there). */
  private containerAt(offset: number): number {
    const containers = this.shape.containers;
    let low = 0;
    let high = containers.length / 2;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (containers[2 * middle] < offset) low = middle + 1;
      else high = middle;
    }
    return containers[2 * low] === offset ? low : -1;
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
    if (first === QUOTE) return stringEnd(text, i);
    if (first === 0x7b || first === 0x5b) {
      const container = this.containerAt(i);
      return container >= 0 ? this.shape.containers[2 * container + 1] : text.length;
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
