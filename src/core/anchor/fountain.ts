import { LineIndex } from '../text/lineIndex';

/** What the outline and the anchors need from a Fountain screenplay, with exact offsets. */
export interface FountainStructure {
  scenes: FountainScene[];
  /** `#`, `##`… outline sections. */
  sections: { level: number; title: string; line: number; start: number }[];
  /** `=` synopses. */
  synopses: { text: string; line: number; start: number }[];
  /** Note (`[[ ]]`) and boneyard (slash-star to star-slash) spans, which may run over several lines. */
  notes: { start: number; end: number }[];
  boneyard: { start: number; end: number }[];
}

export interface FountainScene {
  heading: string;
  number?: string;
  line: number;
  /** From the heading's first character to the next scene heading (or the end). */
  start: number;
  end: number;
}

// fountain.io: INT, EXT, EST, INT./EXT, INT/EXT, I/E followed by a dot or a space; case-insensitive.
const SCENE_HEADING = /^(?:int\.?\/ext|int\/ext|i\/e|int|ext|est)[.\s]/i;
const SCENE_NUMBER = /\s*#([A-Za-z0-9.-]+)#\s*$/;

/** Spans of `open`…`close` pairs (notes, boneyard), which may cross lines; an unclosed one runs to the end. */
function spans(
  text: string,
  open: string,
  close: string,
  outside: { start: number; end: number }[] = [],
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const inside = (at: number) => outside.some((s) => at >= s.start && at < s.end);
  for (let at = text.indexOf(open); at !== -1;) {
    if (inside(at)) {
      at = text.indexOf(open, at + open.length);
      continue;
    }
    const closeAt = text.indexOf(close, at + open.length);
    const end = closeAt === -1 ? text.length : closeAt + close.length;
    found.push({ start: at, end });
    at = text.indexOf(open, end);
  }
  return found;
}

/**
 * Reads a Fountain screenplay's structure in one pass over its lines. Headings inside notes or the
 * boneyard are not headings; a heading needs a blank line (or the start) before it.
 */
export function readFountain(text: string): FountainStructure {
  const boneyard = spans(text, '/*', '*/');
  const notes = spans(text, '[[', ']]', boneyard);
  const hidden = [...boneyard, ...notes].sort((a, b) => a.start - b.start);
  const index = new LineIndex(text);
  const scenes: FountainScene[] = [];
  const sections: FountainStructure['sections'] = [];
  const synopses: FountainStructure['synopses'] = [];
  let previousBlank = true;
  let hiddenAt = 0;
  const isHidden = (offset: number) => {
    while (hiddenAt < hidden.length && hidden[hiddenAt].end <= offset) hiddenAt++;
    return hiddenAt < hidden.length && hidden[hiddenAt].start <= offset;
  };
  for (let line = 1; line <= index.lineCount; line++) {
    const start = index.lineStart(line);
    const raw = text.slice(start, index.endOfLine(line));
    const trimmed = raw.trim();
    if (trimmed === '') {
      previousBlank = true;
      continue;
    }
    // Notes and boneyard are invisible: a line that starts inside one neither counts nor separates.
    if (isHidden(start + raw.length - raw.trimStart().length)) continue;
    if (trimmed.startsWith('#')) {
      const level = trimmed.length - trimmed.replace(/^#+/, '').length;
      sections.push({ level, title: trimmed.slice(level).trim(), line, start });
    } else if (/^=(?!==)/.test(trimmed)) {
      synopses.push({ text: trimmed.slice(1).trim(), line, start });
    } else if (previousBlank) {
      const heading = sceneHeading(trimmed);
      if (heading) scenes.push({ ...heading, line, start, end: text.length });
    }
    previousBlank = false;
  }
  for (let i = 0; i < scenes.length - 1; i++) scenes[i].end = scenes[i + 1].start;
  return { scenes, sections, synopses, notes, boneyard };
}

function sceneHeading(trimmed: string): { heading: string; number?: string } | undefined {
  const forced = trimmed.startsWith('.') && !trimmed.startsWith('..') && trimmed.length > 1;
  if (!forced && !SCENE_HEADING.test(trimmed)) return undefined;
  const numberMatch = SCENE_NUMBER.exec(trimmed);
  const withoutNumber = numberMatch ? trimmed.slice(0, numberMatch.index) : trimmed;
  const heading = forced ? withoutNumber.slice(1).trim() : withoutNumber;
  return numberMatch ? { heading, number: numberMatch[1] } : { heading };
}
