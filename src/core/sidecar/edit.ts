import { findNodeAtLocation, FormattingOptions, parseTree } from 'jsonc-parser';
import { withValueSet } from '../json/textEdits';
import { isJsonObject } from '../json/validatedJson';
import { parseSidecar } from './parse';
import { Sidecar } from './schema';
import { LineEnding, orderedSidecar, serializeSidecar } from './serialize';

/**
 * The sidecar's new text. A file as this tool writes it is written the same way again; a file
 * someone laid out by hand keeps every byte the change did not touch: only the values that changed
 * are edited in place (`withValueSet`, which edits text rather than re-printing it, and writes a
 * new field as the one before it is written), uses removed are cut out and new ones appended.
 * Whenever the edited text would not read back as exactly the changed sidecar, the whole file is
 * written the standard way instead.
 */
export function sidecarText(before: { text: string; sidecar: Sidecar } | undefined, after: Sidecar, lineEnding: LineEnding): string {
  const standard = serializeSidecar(after, lineEnding);
  if (!before || before.text === serializeSidecar(before.sidecar, lineEnding)) return standard;
  let edited: string | undefined;
  try {
    // Both in the format's key order, so a value compares equal however its keys were typed.
    edited = editInPlace(before.text, orderedSidecar(before.sidecar), orderedSidecar(after), formattingOf(before.text, lineEnding));
  } catch {
    // The formatter gives up on some layouts (data nested hundreds deep on one line): written the standard way.
  }
  if (edited === undefined) return standard;
  const reread = parseSidecar(edited);
  return reread.ok && serializeSidecar(reread.sidecar, lineEnding) === standard ? edited : standard;
}

function editInPlace(text: string, before: Sidecar, after: Sidecar, formatting: FormattingOptions): string | undefined {
  const set = (path: (string | number)[], value: unknown, insert = false) => {
    text = withValueSet(text, path, value, formatting, insert);
  };
  // Down to the fields that changed, so an object typed on one line keeps its line when one field changes.
  const setChanged = (path: (string | number)[], was: unknown, is: unknown): void => {
    if (isJsonObject(was) && isJsonObject(is)) {
      const renamed = renamedKey(was, is);
      if (renamed) text = withKeyRenamed(text, [...path, renamed.from], renamed.to);
      const written = renamed
        ? Object.fromEntries(Object.entries(was).map(([key, value]) => [key === renamed.from ? renamed.to : key, value]))
        : was;
      for (const key of keysOf(written, is)) if (path.length > 0 || key !== 'uses') setChanged([...path, key], written[key], is[key]);
    } else if (!sameJson(was, is)) set(path, is);
  };
  setChanged([], before, after);

  const afterIds = after.uses.map((use) => use.id);
  const kept = before.uses.filter((use) => afterIds.includes(use.id));
  // Uses keep their order: anything else (a reorder) is a rewrite.
  if (kept.some((use, position) => afterIds[position] !== use.id)) return undefined;
  for (let index = before.uses.length - 1; index >= 0; index--)
    if (!afterIds.includes(before.uses[index].id)) set(['uses', index], undefined);
  kept.forEach((use, position) => setChanged(['uses', position], use, after.uses[position]));
  for (let position = kept.length; position < after.uses.length; position++) set(['uses', position], after.uses[position], true);
  return text;
}

/** The one key of `was` that `is` holds under another name, the value the same (a misspelled field corrected). */
function renamedKey(was: Record<string, unknown>, is: Record<string, unknown>): { from: string; to: string } | undefined {
  const gone = Object.keys(was).filter((key) => !Object.hasOwn(is, key));
  const added = Object.keys(is).filter((key) => !Object.hasOwn(was, key));
  return gone.length === 1 && added.length === 1 && sameJson(was[gone[0]], is[added[0]]) ? { from: gone[0], to: added[0] } : undefined;
}

/** `text` with the key at `path` spelled `to`, where it stands: the member keeps its place and its value's layout. */
function withKeyRenamed(text: string, path: (string | number)[], to: string): string {
  const root = parseTree(text);
  const key = root && findNodeAtLocation(root, path)?.parent?.children?.[0];
  if (!key) throw new Error('the key to rename is not in the text');
  return text.slice(0, key.offset) + JSON.stringify(to) + text.slice(key.offset + key.length);
}

function keysOf(...records: Record<string, unknown>[]): Set<string> {
  return new Set(records.flatMap((record) => Object.keys(record)));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The file's own indentation (tabs, or the width of its first indented line) and line ending. */
export function formattingOf(text: string, eol: LineEnding): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
