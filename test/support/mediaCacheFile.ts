import { PROVENANCE_KIND } from '../../src/core/fs/mediaCache';

/** A media cache file's facts by kind, then by file: `[size, mtimeMs, value]` (the file is JSON Lines after a header). */
export function cachedFacts(text: string): {
  sha256: Record<string, [number, number, string]>;
  provenance: Record<string, [number, number, { generative: boolean } | null]>;
} {
  const facts: ReturnType<typeof cachedFacts> = { sha256: {}, provenance: {} };
  const [header, ...lines] = text.trimEnd().split('\n');
  if (header !== '{"aiDisclosureMediaCache":1}') throw new Error(`not a media cache file: ${header}`);
  for (const line of lines) {
    const [kind, file, ...entry] = JSON.parse(line) as [string, string, number, number, never];
    if (kind === 'sha256') facts.sha256[file] = entry;
    else if (kind === PROVENANCE_KIND) facts.provenance[file] = entry;
    else throw new Error(`a fact of kind ${kind}`);
  }
  return facts;
}
