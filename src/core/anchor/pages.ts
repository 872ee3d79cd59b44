import { LineIndex } from '../text/lineIndex';
import { FountainStructure, readFountain } from './fountain';

/**
 * Standard screenplay pagination, as studios count pages: Courier 12 on US Letter, 55 printed lines
 * to a page, action 61 characters wide, dialogue 35, parentheticals 26, one blank line between
 * elements. A Fountain file has no layout of its own, so its pages are estimated this way; a
 * script typeset differently may differ by a page or so.
 */
const LINES_PER_PAGE = 55;
const ACTION_WIDTH = 61;
const DIALOGUE_WIDTH = 35;
const PARENTHETICAL_WIDTH = 26;

/** How many printed lines a line of text takes at a width, breaking between words. */
function printedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.trim().split(/\s+/)) {
    const length = word.length;
    if (used === 0) used = length;
    else if (used + 1 + length <= width) used += 1 + length;
    else {
      lines++;
      used = length;
    }
    while (used > width) {
      lines++;
      used -= width;
    }
  }
  return lines;
}

/** A character cue: upper case (letters present), optionally forced with "@", with an extension such as (V.O.). */
function isCharacterCue(line: string): boolean {
  if (line.startsWith('@')) return true;
  const name = line.replace(/\s*\(.*\)\s*\^?$/, '');
  return /[A-Z]/.test(name) && name === name.toUpperCase() && !/^[!.>=#~]/.test(line);
}

/**
 * The estimated page of each offset of a Fountain script: a function from an offset to its page
 * (1-based). The title page, notes, boneyard, sections and synopses print nothing; `===` starts a
 * new page.
 */
export function fountainPageAt(text: string, structure: FountainStructure = readFountain(text)): (offset: number) => number {
  const hidden = [...structure.boneyard, ...structure.notes];
  const index = new LineIndex(text);
  /** The page on which each line of the file starts. */
  const pageOfLine = new Uint32Array(index.lineCount + 2);
  let printed = 0;
  let page = 1;
  let line = 1;
  // A title page ("Title: …" key-value lines up to the first blank line) is not counted.
  if (/^[A-Za-z][A-Za-z ]*:/.test(text)) {
    while (line <= index.lineCount && text.slice(index.lineStart(line), index.endOfLine(line)).trim() !== '') pageOfLine[line++] = 1;
  }
  const advance = (lines: number) => {
    printed += lines;
    while (printed > LINES_PER_PAGE) {
      page++;
      printed -= LINES_PER_PAGE;
    }
  };
  let inDialogue = false;
  let previousBlank = true;
  for (; line <= index.lineCount; line++) {
    const start = index.lineStart(line);
    const raw = text.slice(start, index.endOfLine(line));
    const trimmed = raw.trim();
    pageOfLine[line] = page;
    if (trimmed === '') {
      if (!previousBlank) advance(1);
      previousBlank = true;
      inDialogue = false;
      continue;
    }
    if (hidden.some((span) => start >= span.start && start < span.end) || /^(#|=(?!==))/.test(trimmed)) continue;
    if (/^===+$/.test(trimmed)) {
      page++;
      printed = 0;
      pageOfLine[line] = page;
      continue;
    }
    const nextLine = line < index.lineCount ? text.slice(index.lineStart(line + 1), index.endOfLine(line + 1)).trim() : '';
    let lines: number;
    if (previousBlank && nextLine !== '' && isCharacterCue(trimmed)) {
      inDialogue = true;
      lines = 1;
    } else if (inDialogue) {
      lines = printedLines(trimmed, trimmed.startsWith('(') ? PARENTHETICAL_WIDTH : DIALOGUE_WIDTH);
    } else {
      lines = printedLines(trimmed, ACTION_WIDTH);
    }
    // A line is on the page its first printed line falls on.
    pageOfLine[line] = printed + 1 > LINES_PER_PAGE ? page + 1 : page;
    advance(lines);
    previousBlank = false;
  }
  return (offset) => pageOfLine[index.positionAt(offset).line] || page;
}
