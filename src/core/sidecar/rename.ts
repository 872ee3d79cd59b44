import { Refusal } from '../errors';
import { formatPath, isJsonObject, JsonPath, valueAt } from '../json/validatedJson';
import { parseSidecar } from './parse';
import { Sidecar } from './schema';

/**
 * Renames the key at `path` to `to` (a misspelled field to the field it was meant to be); the
 * store then changes only that key's spelling, where it stands, in a sidecar laid out by hand.
 * Refused, with nothing changed, when the key is gone, when `to` is written beside it already
 * (which one holds the answer is the person's call), or when the value written under the old key
 * does not fit the field it would become. A use's `updated` stays as it is: what was
 * recorded is the same, only the key's spelling changes.
 */
export function renameField(sidecar: Sidecar, path: JsonPath, to: string): void {
  const from = path.at(-1);
  const parent = valueAt(sidecar, path.slice(0, -1));
  const where = path.length > 1 ? `in ${formatPath(path.slice(0, -1))}` : 'at the top of the sidecar';
  if (typeof from !== 'string' || !isJsonObject(parent) || !Object.hasOwn(parent, from))
    throw new Refusal(`"${formatPath(path)}" is no longer in the sidecar; nothing was changed`);
  if (Object.hasOwn(parent, to))
    throw new Refusal(
      `"${from}" and "${to}" are both written ${where}: keep the one that is right and delete the other; nothing was changed`,
    );
  parent[to] = parent[from];
  delete parent[from];
  const reread = parseSidecar(JSON.stringify(sidecar));
  if (!reread.ok)
    throw new Refusal(`what "${from}" holds does not fit "${to}" (${reread.problems[0].message}): correct it by hand; nothing was changed`);
}
