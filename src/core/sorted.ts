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

export function insertSorted(sorted: string[], item: string): void {
  const at = lowerBound(sorted, item);
  if (sorted[at] !== item) sorted.splice(at, 0, item);
}

/** Removes `item` if it is there; says whether it was. */
export function removeSorted(sorted: string[], item: string): boolean {
  const at = lowerBound(sorted, item);
  if (sorted[at] !== item) return false;
  sorted.splice(at, 1);
  return true;
}

/** One sorted list from several sorted ones, in linear time (a sort of 100,000 paths would hold the host up). */
export function mergeSorted(lists: readonly (readonly string[])[]): string[] {
  let merged: string[] = [...(lists[0] ?? [])];
  for (const list of lists.slice(1)) {
    const next: string[] = new Array(merged.length + list.length);
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
 * the first compare, not at load: making a collator takes 5-7 ms, which activation would pay.
 */
export function compareText(a: string, b: string): number {
  collatorCompare ??= new Intl.Collator().compare;
  return collatorCompare(a, b);
}
