import { TextRange } from './anchor';

/** One replacement in a text: `deleted` characters at `offset` replaced by `inserted`. */
export interface TextChange {
  offset: number;
  deleted: number;
  inserted: string;
}

/**
 * Where a tagged range is after an edit, without re-reading the text: typing inside grows it,
 * deleting into it shrinks it, edits before it move it, edits after it leave it alone. Text typed
 * exactly at either edge stays outside. An empty result means the tagged words were deleted.
 */
export function mapRange(range: TextRange, change: TextChange): TextRange {
  const changeEnd = change.offset + change.deleted;
  const delta = change.inserted.length - change.deleted;
  if (changeEnd <= range.start) return { start: range.start + delta, end: range.end + delta };
  if (change.offset >= range.end) return range;
  const startsInside = change.offset >= range.start;
  const start = startsInside ? range.start : change.offset + change.inserted.length;
  const end = changeEnd >= range.end ? (startsInside ? change.offset + change.inserted.length : start) : range.end + delta;
  return { start, end: Math.max(start, end) };
}

/**
 * Applies one editor event's changes, which all refer to the text before the event and do not
 * overlap: from the last to the first, each leaves the offsets of the ones before it valid.
 */
export function mapRangeThrough(range: TextRange, changes: readonly TextChange[]): TextRange {
  return [...changes].sort((a, b) => b.offset - a.offset).reduce(mapRange, range);
}
