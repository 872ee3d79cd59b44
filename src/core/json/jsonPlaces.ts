import type { JsonPath } from './validatedJson';

/** Where a JSON value (or a key) lies in its text: an offset and a length, strings with their quotes. */
export interface JsonSpan {
  offset: number;
  length: number;
}

/** One member of an object or array: its value's span, and for objects its key's. */
interface Member {
  key?: string;
  keySpan?: JsonSpan;
  value: JsonSpan;
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
  private readonly members = new Map<string, Member[]>();
  /**
   * Where each object or array scanned so far ends, by where it starts: the scan past the root's
   * `uses` passes every use and field in it, so listing their members later scans none again.
   */
  private readonly ends = new Map<number, number>();

  constructor(private readonly text: string) {}

  private root: JsonSpan | undefined;

  locate(path: JsonPath): JsonSpan {
    if (!this.root) {
      const offset = this.skipSpace(0);
      this.root = { offset, length: this.valueEnd(offset) - offset };
    }
    let container = this.root;
    let viaKey: JsonSpan | undefined;
    let key = '';
    for (const step of path) {
      const members = this.membersOf(key, container.offset);
      const member =
        typeof step === 'number'
          ? members.length > 0 && members[0].key === undefined
            ? members[step]
            : undefined
          : findKey(members, step);
      if (!member) return viaKey ?? container;
      key += `\u0000${step}`;
      container = member.value;
      viaKey = member.keySpan;
    }
    return container;
  }

  /** The members of the object or array at `offset` (none for a scalar), listed once per container. */
  private membersOf(key: string, offset: number): Member[] {
    let list = this.members.get(key);
    if (list) return list;
    list = [];
    const text = this.text;
    const open = text.charCodeAt(offset);
    if (open === 0x7b || open === 0x5b) {
      const isObject = open === 0x7b;
      let i = this.skipSpace(offset + 1);
      while (i < text.length && text.charCodeAt(i) !== (isObject ? 0x7d : 0x5d)) {
        const memberStart = i;
        let member: Member;
        if (isObject) {
          const keyEnd = stringEnd(this.text, i);
          const raw = text.slice(i + 1, keyEnd - 1);
          const keySpan = { offset: i, length: keyEnd - i };
          i = this.skipSpace(this.skipSpace(keyEnd) + 1); // past the colon
          const valueEnd = this.valueEnd(i);
          member = {
            key: raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw,
            keySpan,
            value: { offset: i, length: valueEnd - i },
          };
          i = valueEnd;
        } else {
          const valueEnd = this.valueEnd(i);
          member = { value: { offset: i, length: valueEnd - i } };
          i = valueEnd;
        }
        list.push(member);
        i = this.skipSpace(i);
        if (text.charCodeAt(i) === 0x2c) i = this.skipSpace(i + 1);
        // Text JSON.parse accepted always moves on; anything else must not hang the check.
        else if (i <= memberStart) break;
      }
    }
    this.members.set(key, list);
    return list;
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

/** As JSON.parse reads objects, the last of a key given twice is the one that counts. */
function findKey(members: Member[], key: string): Member | undefined {
  for (let m = members.length - 1; m >= 0; m--) if (members[m].key === key) return members[m];
  return undefined;
}
