import { applyEdits, FormattingOptions, modify } from 'jsonc-parser';
import { isJsonObject } from '../json/validatedJson';
import { parseSidecar } from './parse';
import { Sidecar } from './schema';
import { LineEnding, orderedSidecar, serializeSidecar } from './serialize';

/**
 * The sidecar's new text. A file as this tool writes it is written the same way again; a file
 * someone laid out by hand keeps every byte the change did not touch: only the values that changed
 * are edited in place (jsonc-parser's `modify`, which edits text rather than re-printing it), uses
 * removed are cut out and new ones appended. Whenever the edited text would not read back as
 * exactly the changed sidecar, the whole file is written the standard way instead.
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
    text = applyEdits(text, modify(text, path, value, { formattingOptions: formatting, isArrayInsertion: insert }));
  };
  // Down to the fields that changed, so an object typed on one line keeps its line when one field changes.
  const setChanged = (path: (string | number)[], was: unknown, is: unknown): void => {
    if (isJsonObject(was) && isJsonObject(is)) {
      for (const key of keysOf(was, is)) if (path.length > 0 || key !== 'uses') setChanged([...path, key], was[key], is[key]);
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
