/**
 * Do two lists hold the very same items (by identity), in the same order? The index and the views
 * keep unchanged findings, records and diagnostics as the objects they were, and compare so.
 */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
