import { SaxesParser, SaxesTag } from 'saxes';
import { LineIndex, TextPosition } from '../text/lineIndex';

/** One paragraph of a Final Draft script, as the screenplay view shows it. */
export interface FdxParagraph {
  /** Final Draft's paragraph type: "Scene Heading", "Action", "Character", "Dialogue", … */
  type: string;
  /** The paragraph's words, every styled run joined. */
  text: string;
  /** A scene heading's number (Final Draft's `Number` attribute), when the script is numbered. */
  number?: string;
  /** A scene heading's page (`SceneProperties Page`), as Final Draft last laid the script out. */
  page?: string;
  /** Where the paragraph's first text starts in the `.fdx` (the character after its first `<Text>`). */
  xmlStart: number;
  /** Where its line starts and ends in the screenplay view. */
  viewStart: number;
  viewEnd: number;
}

export interface FdxProblem {
  message: string;
  start: TextPosition;
}

/** A `.fdx` read as a screenplay: its text in Fountain form, each paragraph placed in both texts. */
export interface FdxScreenplay {
  /** The script as Fountain, so the Fountain reader, outline, anchors and highlighting apply as they are. */
  text: string;
  paragraphs: FdxParagraph[];
  /** XML that could not be read (malformed, entities), at their line and column in the `.fdx`. */
  problems: FdxProblem[];
  /** The scene (heading, number, page) that holds this offset of the screenplay view, if any. */
  sceneAt: (viewOffset: number) => { heading: string; number?: string; page?: string } | undefined;
  /** The line and column in the `.fdx` of the paragraph that holds this offset of the screenplay view. */
  sourcePositionAt: (viewOffset: number) => TextPosition;
}

/** Paragraph types that follow one another without a blank line (a speech). */
const SPEECH = new Set(['Character', 'Parenthetical', 'Dialogue']);

/** Paragraph types that open a block of their own in Fountain (a blank line before them). */
const OPENS_BLOCK = new Set([
  'Scene Heading',
  'Action',
  'Character',
  'Transition',
  'Shot',
  'General',
  'Cast List',
  'New Act',
  'End of Act',
]);

/**
 * Reads a Final Draft file. The parser (saxes) resolves no DTD and expands no entity beyond XML's
 * five: a billion-laughs or external-entity declaration is an "undefined entity" problem, never a
 * read of another file or an expansion. Malformed XML is reported at its line and column and what
 * was read before it is kept. Elements are followed with a stack of names only, so deep nesting
 * costs memory in proportion, never the call stack.
 */
export function readFdx(xml: string): FdxScreenplay {
  const parser = new SaxesParser({ position: true });
  const { bareAmpersands: bare, neverClosed } = markupSlips(xml);
  const read = withAmpersandsEscaped(xml, bare);
  /** Where the parser is, in `xml` (it reads `read`, longer by each bare "&" escaped). */
  const at = () => offsetBefore(bare, parser.position);
  const problems: { message: string; offset: number }[] = [];
  const body: RawParagraph[] = [];
  const titlePage: RawParagraph[] = [];
  const open: string[] = [];
  let paragraph: RawParagraph | undefined;
  let inText = false;
  let dual = 0;

  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; the position is given separately.
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    // One problem per place: an unclosed file reports every element left open at its end.
    // A reference it cannot resolve is reported just past its ";": placed at its "&" instead.
    const offset = /entity/.test(message) ? Math.max(0, xml.lastIndexOf('&', at() - 1)) : at();
    if (problems.at(-1)?.offset !== offset) problems.push({ message, offset });
  });
  parser.on('doctype', () => {
    problems.push({
      message: 'a DOCTYPE is ignored: Final Draft files have none, and no DTD or entity is ever read',
      offset: at(),
    });
  });
  parser.on('opentag', (tag: SaxesTag) => {
    open.push(tag.name);
    if (tag.name === 'Paragraph' && !paragraph) {
      paragraph = { type: attribute(tag, 'Type') ?? 'Action', number: attribute(tag, 'Number'), runs: [], xmlStart: -1, dual: dual > 0 };
    } else if (tag.name === 'DualDialogue') {
      // Final Draft nests the two speeches' paragraphs inside one Paragraph: each becomes its own.
      if (paragraph && paragraph.runs.length === 0) paragraph = undefined;
      dual++;
    } else if (tag.name === 'SceneProperties' && paragraph) {
      paragraph.page = attribute(tag, 'Page');
    } else if (tag.name === 'Text' && paragraph) {
      inText = true;
      if (paragraph.xmlStart < 0) paragraph.xmlStart = at();
    }
  });
  const addText = (text: string) => {
    if (inText && paragraph) paragraph.runs.push(text);
  };
  // A CDATA section is text too (Final Draft writes none; other tools may).
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    open.pop();
    if (tag.name === 'Text') inText = false;
    else if (tag.name === 'DualDialogue') dual--;
    else if (tag.name === 'Paragraph' && paragraph) {
      if (paragraph.xmlStart < 0) paragraph.xmlStart = at();
      (open.includes('TitlePage') ? titlePage : body).push(paragraph);
      paragraph = undefined;
    }
  });
  try {
    parser.write(read).close();
  } catch (error) {
    // saxes throws when no error handler keeps it going; ours records and goes on, so this is rare.
    problems.push({ message: error instanceof Error ? error.message : String(error), offset: at() });
  }
  for (const offset of bare) problems.push({ message: BARE_AMPERSAND, offset });
  if (neverClosed) problems.push(neverClosed);
  problems.sort((a, b) => a.offset - b.offset);
  if (body.length === 0 && titlePage.length === 0 && problems.length === 0)
    problems.push({ message: 'no <Paragraph> found: this does not look like a Final Draft script', offset: 0 });
  return render(xml, titlePage, body, problems);
}

const BARE_AMPERSAND = '"&" must be written "&amp;" here (it starts no entity); read as the character itself';

/** Markup that, opened and never closed, makes the rest of the file part of it. */
const NEVER_CLOSED: Record<string, string> = {
  '<!--': 'a comment opened here is never closed ("-->"), so the rest of the file is read as part of it',
  '<![CDATA[': 'a CDATA section opened here is never closed ("]]>"), so the rest of the file is read as part of it',
  '<?': 'a processing instruction opened here is never closed ("?>"), so the rest of the file is read as part of it',
};

/**
 * Slips in hand-edited XML that the parser reports far from where they are:
 * - each "&" that starts no entity or character reference (up to a ";"), outside comments, CDATA
 *   sections and processing instructions. saxes takes such an "&" for the start of a reference
 *   running to the next ";", so one "&" typed by hand would swallow the rest of the file and be
 *   reported at its end, or at a ";" far after it;
 * - a comment, CDATA section or processing instruction never closed, which saxes reports only as
 *   the elements left open at the file's end.
 */
function markupSlips(xml: string): { bareAmpersands: number[]; neverClosed?: { offset: number; message: string } } {
  const bareAmpersands: number[] = [];
  const pattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!--|<!\[CDATA\[|<\?|&(?![^\s<&;]+;)/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[0] === '&') bareAmpersands.push(match.index);
    // Only an opening that found no close matches by itself: all that follows is inside it.
    else if (match[0] in NEVER_CLOSED) return { bareAmpersands, neverClosed: { offset: match.index, message: NEVER_CLOSED[match[0]] } };
  }
  return { bareAmpersands };
}

const ESCAPED_AMPERSAND = '&amp;';

/** The text the parser reads: each bare "&" escaped, so it is read as the character and the rest as written. */
function withAmpersandsEscaped(xml: string, bare: readonly number[]): string {
  if (bare.length === 0) return xml;
  const pieces: string[] = [];
  let from = 0;
  for (const offset of bare) {
    pieces.push(xml.slice(from, offset), ESCAPED_AMPERSAND);
    from = offset + 1;
  }
  pieces.push(xml.slice(from));
  return pieces.join('');
}

/** An offset in the escaped text as an offset in the file: inside an escape, the "&" it stands for. */
function offsetBefore(bare: readonly number[], offset: number): number {
  const grown = ESCAPED_AMPERSAND.length - 1;
  // How many escapes start before the offset (the i-th stands at bare[i] + grown * i).
  let low = 0;
  let high = bare.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bare[middle] + grown * middle < offset) low = middle + 1;
    else high = middle;
  }
  const last = low - 1;
  if (last >= 0 && offset < bare[last] + grown * last + ESCAPED_AMPERSAND.length) return bare[last];
  return offset - grown * low;
}

interface RawParagraph {
  type: string;
  number?: string;
  page?: string;
  runs: string[];
  xmlStart: number;
  dual: boolean;
}

function attribute(tag: SaxesTag, name: string): string | undefined {
  // Without the xmlns option attributes are plain strings.
  const value: unknown = tag.attributes[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Lays the paragraphs out as Fountain, each at a line of its own, and remembers where each came from. */
function render(
  xml: string,
  titlePage: RawParagraph[],
  body: RawParagraph[],
  rawProblems: { message: string; offset: number }[],
): FdxScreenplay {
  // Lines gathered and joined once: appending to one string and asking how it ends flattens it each time.
  const pieces: string[] = [];
  let length = 0;
  let blank = true;
  const paragraphs: FdxParagraph[] = [];
  const blankLine = () => {
    if (blank) return;
    pieces.push('\n');
    length++;
    blank = true;
  };
  /** A paragraph's words, at a line of the view written in Fountain's syntax. */
  const add = (raw: RawParagraph, words: string, line: string) => {
    paragraphs.push({
      type: raw.type,
      text: words,
      ...(raw.number ? { number: raw.number } : {}),
      ...(raw.page ? { page: raw.page } : {}),
      xmlStart: raw.xmlStart,
      viewStart: length,
      viewEnd: length + line.length,
    });
    pieces.push(`${line}\n`);
    length += line.length + 1;
    blank = false;
  };
  let titled = false;
  for (const raw of titlePage) {
    const line = oneLine(raw.runs.join(''));
    if (line === '') continue;
    add(raw, line, titled ? `Notes: ${line}` : `Title: ${line}`);
    titled = true;
  }
  blankLine();
  let previous: string | undefined;
  let characters = 0;
  for (const raw of body) {
    const words = oneLine(raw.runs.join(''));
    if (words === '' && raw.type !== 'Scene Heading') continue;
    if (raw.type === 'Character') characters = raw.dual ? characters + 1 : 0;
    if (OPENS_BLOCK.has(raw.type) || previous === undefined || !SPEECH.has(previous)) blankLine();
    add(raw, words, fountainLine(raw, words, characters));
    previous = raw.type;
  }
  const text = pieces.join('');
  const lines = new LineIndex(xml);
  const problems = rawProblems.map(({ message, offset }) => ({ message, start: lines.positionAt(offset) }));
  const starts = paragraphs.map((p) => p.viewStart);
  const headings = paragraphs.filter((p) => p.type === 'Scene Heading');
  const headingStarts = headings.map((p) => p.viewStart);
  return {
    text,
    paragraphs,
    problems,
    sceneAt: (viewOffset) => {
      const heading = headings[lastAtOrBefore(headingStarts, viewOffset)];
      if (!heading || heading.viewStart > viewOffset) return undefined;
      return { heading: heading.text, number: heading.number, page: heading.page };
    },
    sourcePositionAt: (viewOffset) => {
      const index = lastAtOrBefore(starts, viewOffset);
      return lines.positionAt(paragraphs[index]?.xmlStart ?? 0);
    },
  };
}

/** Runs of a paragraph as one line: Final Draft's line breaks and tabs inside a paragraph become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/** One paragraph in Fountain's syntax, forced where Fountain would read the words as something else. */
function fountainLine(raw: RawParagraph, words: string, characters: number): string {
  switch (raw.type) {
    case 'Scene Heading': {
      const heading = /^(INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i.test(words) ? words : `.${words}`;
      return raw.number ? `${heading} #${raw.number}#` : heading;
    }
    case 'Character': {
      const name = words === words.toUpperCase() && /[A-Z]/.test(words) ? words : `@${words}`;
      return raw.dual && characters > 1 ? `${name} ^` : name;
    }
    case 'Parenthetical':
      return words.startsWith('(') ? words : `(${words})`;
    case 'Dialogue':
      return words;
    case 'Transition':
      return words === words.toUpperCase() && words.endsWith('TO:') ? words : `> ${words}`;
    case 'New Act':
    case 'End of Act':
      return `# ${words}`;
    default:
      // Action, Shot, General, Cast List: forced action, so a line in capitals is not read as a character.
      return words === words.toUpperCase() && /[A-Z]/.test(words) ? `!${words}` : words;
  }
}

/** The index of the last start at or before `offset` (0 when none is). */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= offset) low = middle + 1;
    else high = middle;
  }
  return Math.max(0, low - 1);
}
