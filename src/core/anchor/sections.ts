import { LineIndex } from '../text/lineIndex';
import { readFountain } from './fountain';

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

const MARKDOWN_HEADING = /^ {0,3}(#{1,6})\s+\S/;

export function findSections(text: string, format: ScriptFormat): ScriptSection[] {
  if (format === 'fountain') {
    return readFountain(text).scenes.map(({ heading, number, line, start, end }) => ({
      heading,
      ...(number ? { number } : {}),
      line,
      start,
      end,
    }));
  }
  const lines = text.split(/\r\n|\r|\n/);
  const index = new LineIndex(text);
  const headings: { line: number; heading: string }[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (format === 'markdown') {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (!inFence && MARKDOWN_HEADING.test(line)) headings.push({ line: i + 1, heading: line.trim() });
    } else if (line.trim() !== '' && (i === 0 || lines[i - 1].trim() === '')) {
      headings.push({ line: i + 1, heading: line.trim() });
    }
  }
  return headings.map((h, k) => ({
    heading: h.heading,
    line: h.line,
    start: index.lineStart(h.line),
    end: k + 1 < headings.length ? index.lineStart(headings[k + 1].line) : text.length,
  }));
}

/** What tagging a section covers: heading to the last word, without the blank lines before the next heading. */
export function taggedSpan(text: string, section: ScriptSection): { start: number; end: number } {
  let end = section.end;
  while (end > section.start && /\s/.test(text[end - 1])) end--;
  return { start: section.start, end };
}

/** The section that contains `offset`, if any. */
export function sectionAt(sections: readonly ScriptSection[], offset: number): ScriptSection | undefined {
  return (
    sections.find((section) => offset >= section.start && offset < section.end) ??
    (sections.length > 0 && offset === sections[sections.length - 1].end ? sections[sections.length - 1] : undefined)
  );
}
