import search from 'approx-string-match';
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

/** A script's text made ready for locating many anchors in it: built once, used for every tag. */
export interface PreparedScript {
  text: string;
  lines: LineIndex;
  normalized: NormalizedText;
  normalizedLines: LineIndex;
}

/**
 * The normalised text is built on first use: an editor that follows every tagged passage only needs
 * line positions, and normalising a feature-length script on each keystroke would cost milliseconds.
 */
export function prepareScript(text: string): PreparedScript {
  let normalized: NormalizedText | undefined;
  let normalizedLines: LineIndex | undefined;
  return {
    text,
    lines: new LineIndex(text),
    get normalized() {
      return (normalized ??= new NormalizedText(text));
    },
    get normalizedLines() {
      return (normalizedLines ??= new LineIndex(this.normalized.text));
    },
  };
}

/** How much a tagged passage may have changed and still be re-found: a share of its characters. */
export const FUZZY_TOLERANCE = 0.25;

export interface AnchorMatch extends TextRange {
  /** It is no longer where the sidecar last recorded it. */
  moved: boolean;
  /** Found word for word; otherwise found by approximate matching. */
  exact: boolean;
  /** 1 for an exact match, down to 1 - FUZZY_TOLERANCE. */
  similarity: number;
}

/**
 * Finds an anchored passage in the current text. Exact occurrences of the quote come first, scored
 * by how much of the recorded context still surrounds them and how near they are to the last known
 * line. Failing that, approximate matching (Myers' bit-vector algorithm) accepts a passage with small
 * rewordings. `undefined` when neither finds it: an orphaned tag.
 */
export function locateAnchor(script: string | PreparedScript, anchor: Anchor): AnchorMatch | undefined {
  const prepared = typeof script === 'string' ? prepareScript(script) : script;
  const { normalized } = prepared;
  const haystack = normalized.text;
  const quote = anchor.quote.replace(/\r\n?/g, '\n');
  if (quote.length === 0) return undefined;
  const expected = prepared.normalizedLines.offsetAt(anchor.start);
  const context = (at: number, length: number) =>
    commonSuffixLength(haystack.slice(Math.max(0, at - anchor.prefix.length), at), anchor.prefix) +
    commonPrefixLength(haystack.slice(at + length, at + length + anchor.suffix.length), anchor.suffix);

  let best: { start: number; end: number; score: number; errors: number } | undefined;
  // Where it was, with all its context: no other place can score higher, so the search is skipped
  // (most passages have not moved since the last check).
  const fullContext = anchor.prefix.length + anchor.suffix.length;
  if (haystack.startsWith(quote, expected) && context(expected, quote.length) === fullContext) {
    best = { start: expected, end: expected + quote.length, score: 0, errors: 0 };
  } else {
    for (let at = haystack.indexOf(quote); at !== -1; at = haystack.indexOf(quote, at + 1)) {
      // Context outweighs distance: a passage that moved far but kept its neighbours is still the one.
      const score = context(at, quote.length) * 1_000_000 - Math.abs(at - expected);
      if (!best || score > best.score) best = { start: at, end: at + quote.length, score, errors: 0 };
    }
  }
  if (!best) {
    const maxErrors = Math.max(1, Math.floor(quote.length * FUZZY_TOLERANCE));
    for (const match of search(haystack, quote, maxErrors)) {
      // Fewest edits first; then context, then nearness.
      const score = -match.errors * 1e12 + context(match.start, match.end - match.start) * 1_000_000 - Math.abs(match.start - expected);
      if (!best || score > best.score) best = { start: match.start, end: match.end, score, errors: match.errors };
    }
  }
  if (!best) return undefined;
  const start = normalized.toOriginal(best.start);
  const end = normalized.toOriginal(best.end);
  const position = prepared.lines.positionAt(start);
  return {
    start,
    end,
    moved: position.line !== anchor.start.line || position.column !== anchor.start.column,
    exact: best.errors === 0,
    similarity: 1 - best.errors / quote.length,
  };
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
