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

export function removeSorted(sorted: string[], item: string): void {
  const at = lowerBound(sorted, item);
  if (sorted[at] === item) sorted.splice(at, 1);
}
