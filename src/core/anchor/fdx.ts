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
    if (problems.at(-1)?.offset !== parser.position) problems.push({ message, offset: parser.position });
  });
  parser.on('doctype', () => {
    problems.push({
      message: 'a DOCTYPE is ignored: Final Draft files have none, and no DTD or entity is ever read',
      offset: parser.position,
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
      if (paragraph.xmlStart < 0) paragraph.xmlStart = parser.position;
    }
  });
  parser.on('text', (text) => {
    if (inText && paragraph) paragraph.runs.push(text);
  });
  parser.on('closetag', (tag) => {
    open.pop();
    if (tag.name === 'Text') inText = false;
    else if (tag.name === 'DualDialogue') dual--;
    else if (tag.name === 'Paragraph' && paragraph) {
      if (paragraph.xmlStart < 0) paragraph.xmlStart = parser.position;
      (open.includes('TitlePage') ? titlePage : body).push(paragraph);
      paragraph = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    // saxes throws when no error handler keeps it going; ours records and goes on, so this is rare.
    problems.push({ message: error instanceof Error ? error.message : String(error), offset: parser.position });
  }
  if (body.length === 0 && titlePage.length === 0 && problems.length === 0)
    problems.push({ message: 'no <Paragraph> found: this does not look like a Final Draft script', offset: 0 });
  return render(xml, titlePage, body, problems);
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
