import { keptIn } from '../memo';
import { isJsonObject, JsonPath } from './validatedJson';
import type { SchemaNode, ZodMiniType } from './zod';

/**
 * A key written other than the schema reads it, and how to write it: a slip for a key the schema
 * knows ("aproval" for "approval"), renamed to `meant`; or a key it knows one level down, written
 * beside the object it belongs in ("vendor" beside "tool"), moved inside `into` as `meant`.
 */
export interface KeyFix {
  /** Where the key is, the key last. */
  path: JsonPath;
  meant: string;
  into?: string;
}

/** A key fix, with no `into` at all for a rename (so it compares and prints as one). */
export function keyFix(path: (string | number)[], meant: string, into: string | undefined): KeyFix {
  return into === undefined ? { path, meant } : { path, meant, into };
}

/** What fixing such a key is called, in a quick fix or a button. */
export function keyFixTitle({ path, meant, into }: KeyFix): string {
  const written = String(path.at(-1));
  if (into === undefined) return `Rename "${written}" to "${meant}"`;
  return `Move "${written}" into "${into}"${written === meant ? '' : ` as "${meant}"`}`;
}

/** The path to locate for the key at `path` itself, not its value: a step past it that nothing has (no item is at -1). */
export function keyPlace(path: JsonPath): JsonPath {
  return [...path, -1];
}

/** Looks through a value for misspelled keys; `path` is a stack, as deep as the value it is given. */
type KeyWalk = (value: unknown, path: JsonPath, found: KeyFix[]) => void;

const NOTHING_TO_WALK: KeyWalk = () => undefined;

function keyWalkOf(node: SchemaNode, visiting: Set<SchemaNode>): KeyWalk {
  const def = node._zod.def;
  const inner = (schema: SchemaNode | undefined) => (schema ? keyWalkOf(schema, visiting) : NOTHING_TO_WALK);
  switch (def.type) {
    case 'lazy': {
      if (visiting.has(node)) return NOTHING_TO_WALK;
      visiting.add(node);
      const walk = inner(node._zod.innerType);
      visiting.delete(node);
      return walk;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'array': {
      const item = inner(def.element);
      if (item === NOTHING_TO_WALK) return NOTHING_TO_WALK;
      return (value, path, found) => {
        if (!Array.isArray(value)) return;
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          item(value[i], path, found);
          path.pop();
        }
      };
    }
    case 'object': {
      const shape = def.shape ?? {};
      const known = Object.keys(shape);
      // Each known key's walk (NOTHING_TO_WALK for a leaf); a key it lacks is unknown.
      const walks = new Map(known.map((key) => [key, inner(shape[key])]));
      const homes = nestedHomes(shape);
      // Asked of every object of every sidecar a check reads: one pass over its keys, no array of
      // them made, and only an unknown key compared with the known ones.
      return (value, path, found) => {
        if (!isJsonObject(value)) return;
        for (const key in value) {
          const walk = walks.get(key);
          if (walk === undefined) {
            const meant = closestKey(key, known);
            if (meant !== undefined) found.push({ path: [...path, key], meant });
            else {
              const nested = homes.size > 0 ? closestKey(key, homes.keys()) : undefined;
              const into = nested === undefined ? undefined : homes.get(nested);
              if (nested !== undefined && into) found.push({ path: [...path, key], meant: nested, into });
            }
          } else if (walk !== NOTHING_TO_WALK) {
            path.push(key);
            walk(value[key], path, found);
            path.pop();
          }
        }
      };
    }
    default:
      // Leaves have no keys; in a union or a record any key may be meant.
      return NOTHING_TO_WALK;
  }
}

/**
 * The keys of an object's members that are objects themselves, each with the member it belongs in
 * (`null`: in more than one, so a key written beside them cannot be said to belong in either).
 */
function nestedHomes(shape: Record<string, SchemaNode>): Map<string, string | null> {
  const homes = new Map<string, string | null>();
  for (const [member, schema] of Object.entries(shape))
    for (const key of Object.keys(objectShapeOf(schema) ?? {})) homes.set(key, homes.has(key) ? null : member);
  return homes;
}

/** The shape of the object a schema takes, through what wraps it (optional, a default, lazy), or `undefined`. */
function objectShapeOf(node: SchemaNode): Record<string, SchemaNode> | undefined {
  for (let at: SchemaNode | undefined = node, steps = 0; at && steps < 8; steps++) {
    const def: SchemaNode['_zod']['def'] = at._zod.def;
    if (def.type === 'object') return def.shape;
    at = def.type === 'lazy' ? at._zod.innerType : def.type === 'pipe' ? def.in : def.innerType;
  }
  return undefined;
}

const keyWalks = new WeakMap<object, KeyWalk>();

/**
 * The keys in `value` (which `schema` accepted) that the schema does not know but that are one or
 * two slips from a key it does: a different case, a letter missing, added, changed or two swapped
 * (see `slipsFor`). Other unknown keys are taken as meant (a production's own notes) and are not
 * reported.
 */
export function misspelledKeys(schema: ZodMiniType, value: unknown): KeyFix[] {
  const walk = keptIn(keyWalks, schema, () => keyWalkOf(schema as unknown as SchemaNode, new Set()));
  const found: KeyFix[] = [];
  walk(value, [], found);
  return found;
}

/**
 * Of `written` keys (which lack `missing`), the one that is a slip for the required key
 * `missing` (so a "required field is missing" can say where it most likely is), or `undefined`.
 */
export function writtenFor(missing: string, written: Iterable<string>): string | undefined {
  return fewestSlips(written, (key) => slipsFor(key, missing));
}

/** The known name `name` is a slip or two from ("enviroment" for "environment"), or `undefined`. */
export function closestKey(name: string, known: Iterable<string>): string | undefined {
  return fewestSlips(known, (candidate) => slipsFor(name, candidate));
}

/** The first candidate a slip or two away (the fewest slips winning), or `undefined`. */
function fewestSlips(candidates: Iterable<string>, slips: (candidate: string) => number): string | undefined {
  let closest: string | undefined;
  let fewest = Infinity;
  for (const candidate of candidates) {
    const count = slips(candidate);
    if (count < fewest) [closest, fewest] = [candidate, count];
  }
  return closest;
}

/**
 * The slips from `key` as written to the `known` key, ignoring case; Infinity past what a slip can
 * be: two in a long name, one in a short one, and none but case in a name of three letters or
 * fewer ("ids" is a word of its own, not a slip for "id").
 */
function slipsFor(key: string, known: string): number {
  const allowed = known.length >= 6 ? 2 : known.length >= 4 ? 1 : 0;
  const slips = slipsBetween(key.toLowerCase(), known.toLowerCase(), allowed);
  return slips <= allowed ? slips : Infinity;
}

/**
 * Letters missing, added, changed or two side by side swapped between `a` and `b` (the optimal
 * string alignment distance), or more than `limit` as soon as that is certain.
 */
function slipsBetween(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforeLast: number[] = [];
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let slips = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) slips = Math.min(slips, beforeLast[j - 2] + 1);
      row.push(slips);
      best = Math.min(best, slips);
    }
    if (best > limit) return limit + 1;
    [beforeLast, last] = [last, row];
  }
  return last[b.length];
}
