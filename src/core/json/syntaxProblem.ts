import { ParseError, printParseErrorCode } from 'jsonc-parser';
import { TextPosition } from '../text/lineIndex';

/** A syntax problem as the person fixes it: what to change, and where (an offset into the text). */
export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
}

/**
 * The first syntax error of a JSON text, said the way it is fixed. Only the first: once the parser
 * has lost its place, the errors after it are mostly echoes of that one (a single-quoted value
 * gave five), and a person who fixes the first sees any real one left on the next check.
 * The usual slips of hand-edited JSON are named (a comma after the last item or doubled, single
 * quotes, a word without quotes, a bracket missing or one too many, a comma missing between two
 * items); anything else keeps the parser's own words.
 */
export function firstSyntaxProblem(text: string, error: ParseError, positionAt: (offset: number) => TextPosition): SyntaxProblem {
  const code = printParseErrorCode(error.error);
  const at = text[error.offset] as string | undefined;
  const previousEnd = endOfPreviousToken(text, error.offset);
  const previous = text[previousEnd - 1];
  const here = { offset: error.offset, length: error.length };
  // A name or value was due after a comma, and none came.
  const afterComma = (code === 'PropertyNameExpected' || code === 'ValueExpected') && previous === ',';

  if (afterComma && (at === '}' || at === ']'))
    return {
      message: `a comma after the last item, before "${at}": JSON allows none there, so remove it`,
      offset: previousEnd - 1,
      length: 1,
    };
  if (afterComma && at === ',') return { message: 'two commas in a row: remove one', ...here };
  if (code === 'InvalidSymbol' && at === "'")
    return { message: 'single quotes: JSON writes names and text between double quotes (")', ...here };
  if (code === 'InvalidSymbol' && at !== undefined && /[A-Za-z]/.test(at)) {
    WORD.lastIndex = error.offset;
    const word = WORD.exec(text)?.[0] ?? at;
    return {
      message: `"${word}" needs double quotes around it: JSON reads text only between double quotes (true, false and null go without)`,
      offset: error.offset,
      length: word.length,
    };
  }
  if (code === 'CommaExpected' || code === 'CloseBraceExpected' || code === 'CloseBracketExpected') {
    const open = innermostOpenBracket(text, error.offset);
    const closes = at === '}' || at === ']';
    if (open !== undefined && (at === undefined || (closes && at !== CLOSER[text[open]]))) {
      const { line, column } = positionAt(open);
      const opened = `the ${text[open] === '{' ? 'object' : 'list'} opened with "${text[open]}" at line ${line}, column ${column}`;
      return at === undefined
        ? { message: `the file ends before ${opened} is closed: a "${CLOSER[text[open]]}" is missing`, ...here }
        : {
            message: `"${at}" here, but ${opened} is still open: a "${CLOSER[text[open]]}" is missing before it, or this "${at}" is one too many`,
            ...here,
          };
    }
    if (code === 'CommaExpected' && !closes) return { message: 'a "," is missing here, between two items', offset: previousEnd, length: 0 };
  }
  return { message: READABLE[code] ?? code, ...here };
}

const CLOSER: Record<string, string> = { '{': '}', '[': ']' };

/** A word where it starts (sticky: read from `lastIndex` only). */
const WORD = /[A-Za-z][\w-]*/y;

const READABLE: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" between a name and its value',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in this file',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'a text value is not closed: the double quote (") that ends it is missing',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in text (a line break or control character must be escaped, as \\n)',
};

/** Just past the last character before `offset` that is not white space. */
function endOfPreviousToken(text: string, offset: number): number {
  let end = Math.min(offset, text.length);
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Where the innermost "{" or "[" still open at `offset` is, reading strings as strings. */
function innermostOpenBracket(text: string, offset: number): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < offset && i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < offset && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (char === '{' || char === '[') open.push(i);
    else if (char === '}' || char === ']') open.pop();
  }
  return open.at(-1);
}
