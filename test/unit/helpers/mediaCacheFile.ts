/** A media cache file's facts by kind, then by file: `[size, mtimeMs, value]` (the file is JSON Lines after a header). */
export function cachedFacts(text: string): { sha256: Record<string, [number, number, string]>; provenance: Record<string, [number, number, { generative: boolean } | null]> } {
  const facts = { sha256: {}, provenance: {} } as ReturnType<typeof cachedFacts>;
  const [header, ...lines] = text.trimEnd().split('\n');
  if (header !== '{"aiDisclosureMediaCache":1}') throw new Error(`not a media cache file: ${header}`);
  for (const line of lines) {
    const [kind, file, ...entry] = JSON.parse(line) as ['sha256' | 'provenance', string, number, number, never];
    facts[kind][file] = entry;
  }
  return facts;
}
