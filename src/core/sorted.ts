/** Sorted string lists (the production's files), searched by bisection rather than scanned. */

/** The first index whose item is not less than `item`. */
export function lowerBound(sorted: readonly string[], item: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < item) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Is `item` in the sorted list? */
export function includesSorted(sorted: readonly string[], item: string): boolean {
  return sorted[lowerBound(sorted, item)] === item;
}

export function insertSorted(sorted: string[], item: string): void {
  const at = lowerBound(sorted, item);
  if (sorted[at] !== item) sorted.splice(at, 0, item);
}

/**
 * Up to this many changes are spliced into a list in place; more are made in one pass over it. A
 * splice moves the rest of the list: a copy or a render adds or removes thousands of files at
 * once, and a splice each into a large production's paths held the editor's host for many frames.
 */
const SPLICES_AT_MOST = 16;

/** Puts every item in place that is not there yet. Returns the list: `sorted` itself, or a new one. */
export function insertAllSorted(sorted: string[], items: readonly string[]): string[] {
  if (items.length <= SPLICES_AT_MOST) {
    for (const item of items) insertSorted(sorted, item);
    return sorted;
  }
  // The default sort compares UTF-16 code units, as `<` does.
  const adding = [...new Set(items)].sort();
  const merged: string[] = [];
  let from = 0;
  for (const item of adding) {
    const at = lowerBound(sorted, item);
    while (from < at) merged.push(sorted[from++]);
    if (sorted[at] !== item) merged.push(item);
  }
  while (from < sorted.length) merged.push(sorted[from++]);
  return merged;
}

/**
 * Leaves out the index ranges [start, end) of the list (in any order; they may overlap). Returns
 * the list: `sorted` itself, or a new one.
 */
export function removeRanges(sorted: string[], ranges: readonly (readonly [start: number, end: number])[]): string[] {
  // Disjoint ranges, in order.
  const disjoint: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = disjoint[disjoint.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (end > start) disjoint.push([start, end]);
  }
  if (disjoint.length <= SPLICES_AT_MOST) {
    // From the last range back, so each splice leaves the earlier indices where they were.
    for (let i = disjoint.length - 1; i >= 0; i--) sorted.splice(disjoint[i][0], disjoint[i][1] - disjoint[i][0]);
    return sorted;
  }
  const kept: string[] = [];
  let from = 0;
  for (const [start, end] of disjoint) {
    while (from < start) kept.push(sorted[from++]);
    from = end;
  }
  while (from < sorted.length) kept.push(sorted[from++]);
  return kept;
}

/** One sorted list from several sorted ones, in linear time (a sort of a large production's paths would hold the host up). */
export function mergeSorted(lists: readonly (readonly string[])[]): string[] {
  let merged: string[] = [...(lists[0] ?? [])];
  for (const list of lists.slice(1)) {
    const next = new Array<string>(merged.length + list.length);
    let a = 0;
    let b = 0;
    let out = 0;
    while (a < merged.length && b < list.length) next[out++] = merged[a] <= list[b] ? merged[a++] : list[b++];
    while (a < merged.length) next[out++] = merged[a++];
    while (b < list.length) next[out++] = list[b++];
    merged = next;
  }
  return merged;
}

let collatorCompare: ((a: string, b: string) => number) | undefined;

/**
 * Orders text as `localeCompare` does (the same default collator), without building a collator per
 * call: sorting a production's findings and uses compares hundreds of thousands of pairs. Built at
 * the first compare, not at load: making a collator is slow enough that every start would feel it.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  collatorCompare ??= new Intl.Collator().compare;
  return collatorCompare(a, b);
}
