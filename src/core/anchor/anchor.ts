import { Anchor } from '../sidecar/schema';
import { LineIndex } from '../text/lineIndex';
import { findSections, ScriptFormat, sectionAt } from './sections';

/** How much context is kept either side of a quote to tell repeated passages apart. */
export const CONTEXT_LENGTH = 32;

/** An offset range in the script text as it is (CRLF or LF). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Script text with line endings folded to LF, plus the way back to the original offsets, so an
 * anchor made in a CRLF file is found in the same file saved with LF, and the other way round.
 */
class NormalizedText {
  readonly text: string;
  /** Normalised offsets at which a character of the original was dropped (the CR of a CRLF). */
  private readonly dropped: number[] = [];

  constructor(readonly original: string) {
    if (!original.includes('\r')) {
      this.text = original;
      return;
    }
    let out = '';
    for (let i = 0; i < original.length; i++) {
      const ch = original[i];
      if (ch === '\r') {
        if (original[i + 1] === '\n') this.dropped.push(out.length);
        else out += '\n';
      } else out += ch;
    }
    this.text = out;
  }

  toOriginal(offset: number): number {
    let low = 0;
    let high = this.dropped.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.dropped[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return offset + low;
  }

  toNormalized(offset: number): number {
    let shift = 0;
    for (const at of this.dropped) {
      if (at + shift < offset) shift++;
      else break;
    }
    return offset - shift;
  }
}

/** Builds the anchor for a range of script text: quote, context, position and scene heading. */
export function createAnchor(text: string, range: TextRange, format: ScriptFormat): Anchor {
  const normalized = new NormalizedText(text);
  const start = normalized.toNormalized(range.start);
  const end = normalized.toNormalized(range.end);
  const lines = new LineIndex(text);
  const anchor: Anchor = {
    quote: normalized.text.slice(start, end),
    prefix: normalized.text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: normalized.text.slice(end, end + CONTEXT_LENGTH),
    start: asRecorded(lines.positionAt(range.start)),
    end: asRecorded(lines.positionAt(range.end)),
  };
  if (format === 'fountain') {
    const scene = sectionAt(findSections(text, format), range.start);
    if (scene) anchor.scene = scene.number ? { heading: scene.heading, number: scene.number } : { heading: scene.heading };
  }
  return anchor;
}

function asRecorded(position: { line: number; column: number }): Anchor['start'] {
  return { line: position.line, column: position.column };
}

export type AnchorMatch = TextRange & { moved: boolean };

/**
 * Finds an anchored passage in the current text: every exact occurrence of the quote is scored by
 * how much of its recorded context still surrounds it and how near it is to the last known line.
 * `undefined` when the quote is nowhere in the text (an orphaned tag).
 */
export function locateAnchor(text: string, anchor: Anchor): AnchorMatch | undefined {
  const normalized = new NormalizedText(text);
  const haystack = normalized.text;
  const quote = anchor.quote.replace(/\r\n?/g, '\n');
  if (quote.length === 0) return undefined;
  const lines = new LineIndex(haystack);
  const expected = lines.offsetAt(anchor.start);
  let best: { start: number; score: number } | undefined;
  for (let at = haystack.indexOf(quote); at !== -1; at = haystack.indexOf(quote, at + 1)) {
    const context = commonSuffixLength(haystack.slice(Math.max(0, at - anchor.prefix.length), at), anchor.prefix) +
      commonPrefixLength(haystack.slice(at + quote.length, at + quote.length + anchor.suffix.length), anchor.suffix);
    // Context outweighs distance: a passage that moved far but kept its neighbours is still the one.
    const score = context * 1_000_000 - Math.abs(at - expected);
    if (!best || score > best.score) best = { start: at, score };
  }
  if (!best) return undefined;
  const start = normalized.toOriginal(best.start);
  const end = normalized.toOriginal(best.start + quote.length);
  const originalLines = new LineIndex(text);
  const position = originalLines.positionAt(start);
  return { start, end, moved: position.line !== anchor.start.line || position.column !== anchor.start.column };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
