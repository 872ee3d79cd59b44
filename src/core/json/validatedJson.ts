import { Node as JsonNode, parseTree, ParseError } from 'jsonc-parser';
import { firstSyntaxProblem } from './syntaxProblem';
import { JsonPlaces, JsonShape, shapeOf } from './jsonPlaces';
import { closestKey, keyFix, keyPlace, writtenFor } from './misspelledKeys';
import * as z from './zod';
import { TextPosition, WalkingPositions } from '../text/lineIndex';

export type JsonPath = (string | number)[];

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem in a JSON file, at the exact place a person has to look. */
export interface JsonProblem {
  message: string;
  start: TextPosition;
  end: TextPosition;
  /** JSON path of the offending value, when the problem is about a value. */
  path?: JsonPath;
  /** For a key that looks misspelled (the problem's place is the key): the name it looks like. */
  meant?: string;
  /** For a key written beside the object it belongs in: that object, where it goes as `meant`. */
  into?: string;
}

export type Locate = (path: JsonPath) => { start: TextPosition; end: TextPosition };

/**
 * `forgetPlaces` drops what `locate` remembers (found again when next asked): a caller that keeps
 * many parsed files for their values need not keep every file's places too.
 */
export type ValidatedJson<T> =
  | { ok: true; value: T; locate: Locate; forgetPlaces: () => void }
  | {
      ok: false;
      problems: JsonProblem[];
      /** JSON read as values that the schema or the postcheck refused: the values, for a caller that salvages what it can. */
      refused?: { data: unknown; locate: Locate; forgetPlaces: () => void };
    };

export interface ValidationHooks<T> {
  /** Picks the schema for this data (e.g. a newer format version read as far as it fits). */
  schemaFor?(data: unknown): z.ZodMiniType<T>;
  /** Runs on schema-valid data, for rules a schema cannot say (e.g. unique ids). */
  postcheck?(value: T, locate: Locate): JsonProblem[];
}

const BOM = '\uFEFF';

/** Deeper than any sidecar, configuration or pack, and far below what would exhaust the stack. */
export const MAX_NESTING = 200;

/** Keys in parsed JSON: fewer than the text spells means a key was given twice (the last one won). */
function keyCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += keyCount(item);
    return count;
  }
  for (const key in value) count += 1 + keyCount((value as Record<string, unknown>)[key]);
  return count;
}

const SYNTAX_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/**
 * Parses JSON text and validates it with a zod schema. Never throws: every failure comes back as a
 * problem with a 1-based line and column in `text` as it is on disk (a leading BOM counts as nothing).
 * JSON.parse reads the values and JsonPlaces finds the places asked for; jsonc-parser's tree (several
 * times the cost of the parse) is built only to say where broken text or a key given twice is.
 */
export function parseValidatedJson<T>(text: string, schema: z.ZodMiniType<T>, hooks: ValidationHooks<T> = {}): ValidatedJson<T> {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const bomShift = text.length - body.length;
  let lines: WalkingPositions | undefined;
  const span = (offset: number, length: number) => {
    lines ??= new WalkingPositions(text);
    return { start: lines.positionAt(offset + bomShift), end: lines.positionAt(offset + bomShift + Math.max(length, 1)) };
  };

  // Readers recurse per level: refuse absurd nesting before it can exhaust the stack.
  const shape = shapeOf(body, MAX_NESTING);
  if (shape.tooDeepAt >= 0)
    return {
      ok: false,
      problems: [
        {
          message: `JSON nests deeper than ${MAX_NESTING} levels here; no AI Disclosure file does, so it is not read`,
          ...span(shape.tooDeepAt, 1),
        },
      ],
    };

  let data: unknown;
  let parseError: Error | undefined;
  try {
    data = JSON.parse(body);
  } catch (error) {
    parseError = error as Error;
  }

  const problems: JsonProblem[] = [];
  if (parseError || keyCount(data) !== shape.colons) {
    // Broken or with a key given twice: the tree says where.
    const syntaxErrors: ParseError[] = [];
    const root = parseTree(body, syntaxErrors, SYNTAX_OPTIONS);
    if (syntaxErrors.length > 0 || !root) {
      if (syntaxErrors.length === 0) return { ok: false, problems: [{ message: 'JSON syntax: the file is empty', ...span(0, 0) }] };
      const { message, offset, length } = firstSyntaxProblem(body, syntaxErrors[0], (at) => span(at, 0).start);
      return { ok: false, problems: [{ message: `JSON syntax: ${message}`, ...span(offset, length) }] };
    }
    // jsonc-parser accepted what JSON.parse did not (e.g. a lone surrogate): report it where the file starts.
    if (parseError) return { ok: false, problems: [{ message: `JSON syntax: ${parseError.message}`, ...span(0, 1) }] };
    for (const node of duplicateKeyProblems(root)) {
      problems.push({
        message: `Duplicate key "${node.value}": JSON readers keep only the last one, so the earlier value would be lost`,
        ...span(node.offset, node.length),
      });
    }
  }

  let places: JsonPlaces | undefined;
  // Handed to the places when first asked for, and dropped with them (a kept file keeps neither).
  let shapeForPlaces: JsonShape | undefined = shape;
  const locate: Locate = (path) => {
    places ??= new JsonPlaces(body, shapeForPlaces);
    shapeForPlaces = undefined;
    const found = places.locate(path);
    return span(found.offset, found.length);
  };
  const forgetPlaces = () => {
    places = undefined;
    shapeForPlaces = undefined;
    lines = undefined;
  };

  // zod's parse and the edits copy objects by assignment, which would turn a "__proto__" key into nothing:
  // refuse such a file (it is then never rewritten) rather than lose the key silently.
  // (Walked only when the text could spell the key, escapes included: most files cannot.)
  const prototypeKey = body.includes('proto') || body.includes('\\u') ? pathOfKey(data, '__proto__', []) : undefined;
  if (prototypeKey)
    return {
      ok: false,
      problems: [
        { message: 'a key named "__proto__" cannot be kept by AI Disclosure; rename it', ...locate(prototypeKey), path: prototypeKey },
      ],
    };

  const chosen = hooks.schemaFor?.(data) ?? schema;
  // Valid files (nearly all) are kept as parsed; only an invalid one is parsed again for zod's issues.
  const result = z.validInPlace(chosen, data) ?? chosen.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const described = describeIssue(issue, path, data);
      // A required field written a slip away, or a level up, is said at the key written, where it is corrected.
      if (described.writtenAt === undefined) problems.push({ message: described.message, ...locate(path), path });
      else {
        const { message, writtenAt, meant, into } = described;
        problems.push({ message, ...locate(keyPlace(writtenAt)), ...keyFix(writtenAt, meant, into) });
      }
    }
    return { ok: false, problems: sortProblems(problems), refused: { data, locate, forgetPlaces } };
  }
  problems.push(...(hooks.postcheck?.(result.data, locate) ?? []));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), refused: { data: result.data, locate, forgetPlaces } };
  return { ok: true, value: result.data, locate, forgetPlaces };
}

/** The value at `path` in parsed JSON, or `undefined`. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let at = value;
  for (const step of path) at = isJsonObject(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[step] : undefined;
  return at;
}

function pathOfKey(value: unknown, key: string, at: JsonPath): JsonPath | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && Object.hasOwn(value, key)) return [...at, key];
  for (const [child, item] of Object.entries(value)) {
    const found = pathOfKey(item, key, [...at, Array.isArray(value) ? Number(child) : child]);
    if (found) return found;
  }
  return undefined;
}

/** The parts of a zod issue the messages use (zod's own type is a wide union). */
interface IssueFacts {
  code: string;
  message: string;
  expected?: unknown;
  values?: readonly unknown[];
}

/**
 * What an issue says; for a missing required field, where it looks written instead, with the name
 * it is meant to have: a slip away, or beside the object it belongs in (`into`, that object).
 */
function describeIssue(
  raw: IssueFacts,
  path: JsonPath,
  data: unknown,
): { message: string; writtenAt?: undefined } | { message: string; writtenAt: JsonPath; meant: string; into?: string } {
  const where = path.length > 0 ? formatPath(path) : 'sidecar';
  const choices =
    raw.code === 'invalid_value' && raw.values
      ? raw.values.length === 1
        ? JSON.stringify(raw.values[0])
        : `one of ${raw.values.map((v) => JSON.stringify(v)).join(', ')}`
      : undefined;
  const field = path.at(-1);
  const parent = valueAt(data, path.slice(0, -1));
  const typeWords = typeof raw.expected === 'string' ? TYPE_WORDS[raw.expected] : undefined;
  if (typeof field === 'string' && isJsonObject(parent) && !Object.hasOwn(parent, field)) {
    const expected = choices ?? typeWords ?? (typeof raw.expected === 'string' ? raw.expected : undefined);
    const missing = `${where}: required field is missing${expected === undefined ? '' : ` (expected ${expected})`}`;
    // A key written a slip away ("keyCreativ") is most likely the one missing: said, as it is not read.
    const written = writtenFor(field, Object.keys(parent));
    if (written !== undefined)
      return {
        message: `${missing}; the "${written}" written here looks like it, misspelled`,
        writtenAt: [...path.slice(0, -1), written],
        meant: field,
      };
    // Or written one level up, beside the object it belongs in ("environment" beside "tool").
    const home = path.at(-2);
    const above = valueAt(data, path.slice(0, -2));
    const besides = typeof home === 'string' && isJsonObject(above) ? writtenFor(field, Object.keys(above)) : undefined;
    return besides === undefined || typeof home !== 'string'
      ? { message: missing }
      : {
          message: `${missing}; the "${besides}" written beside "${home}" belongs inside it`,
          writtenAt: [...path.slice(0, -2), besides],
          meant: field,
          into: home,
        };
  }
  if (choices) return { message: `${where}: must be ${choices}${choiceHint(valueAt(data, path), raw.values ?? [])}` };
  if (raw.code === 'invalid_type' && typeWords) return { message: `${where}: must be ${typeWords}, not ${writtenAs(valueAt(data, path))}` };
  return { message: `${where}: ${raw.message}` };
}

/** For a value not among the choices: the choice it is a slip from or short for, or how to write a yes, a no or a number. */
function choiceHint(value: unknown, choices: readonly unknown[]): string {
  const words = choices.filter((choice): choice is string => typeof choice === 'string');
  if (typeof value === 'boolean' && words.includes('yes') && words.includes('no'))
    return `; write "${value ? 'yes' : 'no'}", in quotes, rather than ${value}`;
  if (typeof value !== 'string') return '';
  const number = choices.find((choice): choice is number => typeof choice === 'number' && String(choice) === value.trim());
  if (number !== undefined) return `; write ${String(number)}, without quotes`;
  // A choice cut short ("warn" for "warning", "info" for "information") is no slip of a letter or two.
  const lengthened = value.length >= 3 ? words.filter((word) => word.startsWith(value.toLowerCase())) : [];
  const meant = lengthened.length === 1 ? lengthened[0] : closestKey(value, words);
  return meant === undefined ? '' : `; ${JSON.stringify(value)} looks like ${JSON.stringify(meant)}`;
}

/** JSON's kinds of value as a person editing a file would call them (zod says "expected string"). */
const TYPE_WORDS: Partial<Record<string, string>> = {
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list in [ ]',
  object: 'a group of fields in { }',
  null: 'null',
};

/** What a JSON value was written as, in the same words. */
function writtenAs(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  return typeof value === 'number' ? 'a number' : 'a group of fields';
}

/** `uses[2].tool.environment`, the way people read JSON paths. */
export function formatPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function duplicateKeyProblems(root: JsonNode): JsonNode[] {
  const duplicates: JsonNode[] = [];
  const visit = (node: JsonNode) => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (typeof key?.value !== 'string') continue;
        if (seen.has(key.value)) duplicates.push(key);
        seen.add(key.value);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return duplicates;
}

function sortProblems(problems: JsonProblem[]): JsonProblem[] {
  return problems.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
}
