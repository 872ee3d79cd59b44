import { applyEdits, findNodeAtLocation, FormattingOptions, modify, Node as JsonNode, parseTree } from 'jsonc-parser';
import type { JsonPath } from './validatedJson';

/**
 * `text` with the value at `path` set to `value` (`undefined`: taken out; `insert`: a new array
 * item at that index), every byte not changed kept as typed. A member or an item added is written
 * as the last one before it is: on a line of its own, indented alike, or beside it on its line; one
 * taken out takes only its separator with it. A value written on one line is replaced on one line.
 * Anything else (a value laid out on lines, the first entry of an empty object or array) is left to
 * jsonc-parser's `modify`, which lays what it writes out with `formatting`.
 */
export function withValueSet(text: string, path: JsonPath, value: unknown, formatting: FormattingOptions, insert = false): string {
  const root = parseTree(text);
  const container = root && findNodeAtLocation(root, path.slice(0, -1));
  const node = root && findNodeAtLocation(root, path);
  const key = path.at(-1);
  // A value written on one line is written again on one line (a list grown from empty, if flat).
  if (node && value !== undefined && !insert && isOnOneLine(text, node) && (node.children?.length || isFlat(value)))
    return `${text.slice(0, node.offset)}${oneLineJson(value)}${text.slice(node.offset + node.length)}`;
  const last = container?.children?.at(-1);
  if (container && last) {
    if (value === undefined && node) return withoutEntry(text, container.type === 'object' && node.parent ? node.parent : node);
    const laidOut = (lineBreak: string | undefined) =>
      lineBreak === undefined ? oneLineJson(value) : jsonOnLines(value, formatting, lineBreak);
    if (value !== undefined && container.type === 'object' && !node && typeof key === 'string')
      return withEntryAdded(text, last, (lineBreak) => `${JSON.stringify(key)}: ${laidOut(lineBreak)}`, formatting);
    if (value !== undefined && container.type === 'array' && insert && key === container.children?.length)
      return withEntryAdded(text, last, laidOut, formatting);
  }
  return applyEdits(text, modify(text, path, value, { formattingOptions: formatting, isArrayInsertion: insert }));
}

/**
 * `text` with the member at `path` moved inside the object `into` beside it, as `name` (a field
 * written beside the object it belongs in): the object is made if it is not written, and the value
 * moves as it is written. `undefined` when the member is not there, when `into` is written but is
 * not an object, or when it holds `name` already (which one is right is the person's call).
 */
export function withKeyMoved(text: string, path: JsonPath, into: string, name: string, formatting: FormattingOptions): string | undefined {
  const root = parseTree(text);
  const member = root && findNodeAtLocation(root, path)?.parent;
  const value = member?.type === 'property' ? member.children?.[1] : undefined;
  const destinationPath = [...path.slice(0, -1), into];
  const destination = root && findNodeAtLocation(root, destinationPath);
  if (!member || !value || (destination && (destination.type !== 'object' || findNodeAtLocation(destination, [name])))) return undefined;
  const moved = `${JSON.stringify(name)}: ${text.slice(value.offset, value.offset + value.length)}`;
  const entry = destination ? moved : `${JSON.stringify(into)}: { ${moved} }`;
  const removed = withoutEntry(text, member);
  const tree = parseTree(removed);
  const target = tree && findNodeAtLocation(tree, destination ? destinationPath : path.slice(0, -1));
  if (target?.type !== 'object') return undefined;
  const last = target.children?.at(-1);
  return last
    ? withEntryAdded(removed, last, () => entry, formatting)
    : `${removed.slice(0, target.offset)}{ ${entry} }${removed.slice(target.offset + target.length)}`;
}

/** `text` less `entry` (a member or an item) and the separator between it and its neighbour. */
function withoutEntry(text: string, entry: JsonNode): string {
  const siblings = entry.parent?.children ?? [entry];
  const at = siblings.indexOf(entry);
  const before = siblings[at - 1];
  const after = siblings[at + 1];
  const end = entry.offset + entry.length;
  if (before) return text.slice(0, before.offset + before.length) + text.slice(end);
  if (after) return text.slice(0, entry.offset) + text.slice(after.offset);
  // Alone: the object or array is left empty.
  const container = entry.parent;
  if (!container) return text;
  const empty = container.type === 'array' ? '[]' : '{}';
  return `${text.slice(0, container.offset)}${empty}${text.slice(container.offset + container.length)}`;
}

/**
 * `text` with an entry added after `last`, the last in its object or array. On a line of its own,
 * indented as the last one, when that one starts its line: `entryOf` is then given the line break
 * and indent its own further lines take; else beside the last one on its line (`undefined`).
 */
function withEntryAdded(
  text: string,
  last: JsonNode,
  entryOf: (lineBreak: string | undefined) => string,
  formatting: FormattingOptions,
): string {
  const end = last.offset + last.length;
  const indent = text.slice(text.lastIndexOf('\n', last.offset - 1) + 1, last.offset);
  if (!/^[ \t]*$/.test(indent)) return `${text.slice(0, end)}, ${entryOf(undefined)}${text.slice(end)}`;
  const lineBreak = `${formatting.eol ?? '\n'}${indent}`;
  return `${text.slice(0, end)},${lineBreak}${entryOf(lineBreak)}${text.slice(end)}`;
}

/** JSON laid out on lines with `formatting`'s indent, each line after the first starting with `lineBreak`. */
function jsonOnLines(value: unknown, formatting: FormattingOptions, lineBreak: string): string {
  const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
  // JSON.stringify escapes the line breaks inside strings: each one it writes is between values.
  return JSON.stringify(value, null, unit).split('\n').join(lineBreak);
}

/** JSON on one line, spaced as people type it: `{ "a": 1, "b": ["x", "y"] }`. */
function oneLineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => oneLineJson(item ?? null)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    return members.length === 0
      ? '{}'
      : `{ ${members.map(([key, member]) => `${JSON.stringify(key)}: ${oneLineJson(member)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function isOnOneLine(text: string, node: JsonNode): boolean {
  return !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}

/** A value, or a list or object of values, with no list or object inside. */
function isFlat(value: unknown): boolean {
  const isLeaf = (item: unknown) => item === null || typeof item !== 'object';
  return isLeaf(value) || Object.values(value as object).every(isLeaf);
}
