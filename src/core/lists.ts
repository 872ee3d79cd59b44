/**
 * Do two lists hold the very same items (by identity), in the same order? The index and the views
 * keep unchanged findings, records and diagnostics as the objects they were, and compare so.
 */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** "1 use", "3 uses": a count with its noun, in the number it takes. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
