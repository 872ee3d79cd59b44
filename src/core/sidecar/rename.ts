import { Refusal } from '../errors';
import { formatPath, isJsonObject, JsonPath, valueAt } from '../json/validatedJson';
import { parseSidecar } from './parse';
import { Sidecar } from './schema';

/**
 * Renames the key at `path` to `to` (a misspelled field to the field it was meant to be), or, with
 * `into`, moves it inside the object of that name beside it, as `to` (a field written beside the
 * object it belongs in); the store then changes only what moved, in a sidecar laid out by hand.
 * Refused, with nothing changed, when the key is gone, when `to` is written where it would go
 * already (which one holds the answer is the person's call), or when the value written under the
 * old key does not fit the field it would become. A use's `updated` stays as it is: what was
 * recorded is the same, only where or how it is written changes.
 */
export function renameField(sidecar: Sidecar, path: JsonPath, to: string, into?: string): void {
  const from = path.at(-1);
  const parent = valueAt(sidecar, path.slice(0, -1));
  if (typeof from !== 'string' || !isJsonObject(parent) || !Object.hasOwn(parent, from))
    throw new Refusal(`"${formatPath(path)}" is no longer in the sidecar; nothing was changed`);
  if (into !== undefined && Object.hasOwn(parent, into) && !isJsonObject(parent[into]))
    throw new Refusal(`"${formatPath([...path.slice(0, -1), into])}" is not an object to move "${from}" into; nothing was changed`);
  const destination = into === undefined ? parent : ((parent[into] as Record<string, unknown> | undefined) ?? {});
  const destinationPath = into === undefined ? path.slice(0, -1) : [...path.slice(0, -1), into];
  if (Object.hasOwn(destination, to)) {
    const where = destinationPath.length > 0 ? `in ${formatPath(destinationPath)}` : 'at the top of the sidecar';
    const both = into === undefined ? `"${from}" and "${to}" are both written ${where}` : `"${to}" is written ${where} already`;
    throw new Refusal(`${both}: keep the one that is right and delete the other; nothing was changed`);
  }
  destination[to] = parent[from];
  delete parent[from];
  if (into !== undefined) parent[into] = destination;
  const reread = parseSidecar(JSON.stringify(sidecar));
  if (!reread.ok)
    throw new Refusal(
      `what "${from}" holds does not fit "${into === undefined ? to : `${into}.${to}`}" (${reread.problems[0].message}): correct it by hand; nothing was changed`,
    );
}
