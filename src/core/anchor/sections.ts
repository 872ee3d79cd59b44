import { LineIndex } from '../text/lineIndex';

/** A structural section of a script: a Fountain scene, a Markdown heading's section, a paragraph. */
export interface ScriptSection {
  /** The heading line as written (the first line of a paragraph for plain text). */
  heading: string;
  /** Fountain scene number (`#12A#`), when the heading carries one. */
  number?: string;
  /** 1-based line of the heading. */
  line: number;
  /** Offsets of the whole section, heading included, up to the next section. */
  start: number;
  end: number;
}

export type ScriptFormat = 'fountain' | 'markdown' | 'text';

export function scriptFormatOf(filePath: string): ScriptFormat {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.fountain') || lower.endsWith('.spmd')) return 'fountain';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return 'text';
}

// fountain.io: INT, EXT, EST, INT./EXT, INT/EXT, I/E followed by a dot or a space; case-insensitive.
const SCENE_HEADING = /^(?:int\.?\/ext|int\/ext|i\/e|int|ext|est)[.\s]/i;
const SCENE_NUMBER = /\s*#([A-Za-z0-9.\-]+)#\s*$/;
const MARKDOWN_HEADING = /^ {0,3}(#{1,6})\s+\S/;

export function findSections(text: string, format: ScriptFormat): ScriptSection[] {
  const lines = splitLines(text);
  const index = new LineIndex(text);
  const headings: { line: number; heading: string; number?: string }[] = [];
  let inFence = false;
  let inBoneyard = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const previousBlank = i === 0 || lines[i - 1].trim() === '';
    if (format === 'fountain') {
      if (inBoneyard) {
        if (line.includes('*/')) inBoneyard = false;
        continue;
      }
      if (line.trimStart().startsWith('/*') && !line.includes('*/')) {
        inBoneyard = true;
        continue;
      }
      const heading = fountainHeading(line, previousBlank);
      if (heading) headings.push({ line: i + 1, ...heading });
    } else if (format === 'markdown') {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (!inFence && MARKDOWN_HEADING.test(line)) headings.push({ line: i + 1, heading: line.trim() });
    } else if (line.trim() !== '' && previousBlank) {
      headings.push({ line: i + 1, heading: line.trim() });
    }
  }
  return headings.map((h, k) => {
    const next = headings[k + 1];
    return {
      heading: h.heading,
      ...(h.number ? { number: h.number } : {}),
      line: h.line,
      start: index.lineStart(h.line),
      end: next ? index.lineStart(next.line) : text.length,
    };
  });
}

/** The section that contains `offset`, if any. */
export function sectionAt(sections: readonly ScriptSection[], offset: number): ScriptSection | undefined {
  return sections.find((section) => offset >= section.start && offset < section.end) ??
    (sections.length > 0 && offset === sections[sections.length - 1].end ? sections[sections.length - 1] : undefined);
}

function fountainHeading(line: string, previousBlank: boolean): { heading: string; number?: string } | undefined {
  if (!previousBlank) return undefined;
  const trimmed = line.trim();
  const forced = trimmed.startsWith('.') && !trimmed.startsWith('..') && trimmed.length > 1;
  if (!forced && !SCENE_HEADING.test(trimmed)) return undefined;
  const numberMatch = SCENE_NUMBER.exec(trimmed);
  const withoutNumber = numberMatch ? trimmed.slice(0, numberMatch.index) : trimmed;
  const heading = forced ? withoutNumber.slice(1).trim() : withoutNumber;
  return numberMatch ? { heading, number: numberMatch[1] } : { heading };
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
