import { applyEdits, findNodeAtLocation, FormattingOptions, getNodeValue, modify, parseTree } from 'jsonc-parser';
import type { JsonPath } from './validatedJson';

/**
 * `text` with the member at `path` moved inside the object `into` beside it, as `name` (a field
 * written beside the object it belongs in): the object is made if it is not written, and the rest of
 * the text keeps its layout. `undefined` when the member is not there, when `into` is written but is
 * not an object, or when it holds `name` already (which one is right is the person's call).
 */
export function withKeyMoved(text: string, path: JsonPath, into: string, name: string, formatting: FormattingOptions): string | undefined {
  const root = parseTree(text);
  const member = root && findNodeAtLocation(root, path);
  const destinationPath = [...path.slice(0, -1), into];
  const destination = root && findNodeAtLocation(root, destinationPath);
  if (!member || (destination && (destination.type !== 'object' || findNodeAtLocation(destination, [name])))) return undefined;
  const options = { formattingOptions: formatting };
  const removed = applyEdits(text, modify(text, path, undefined, options));
  return applyEdits(removed, modify(removed, [...destinationPath, name], getNodeValue(member), options));
}
