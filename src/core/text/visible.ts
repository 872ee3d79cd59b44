/**
 * Characters that act on a terminal or on how a line reads rather than showing as themselves: C0
 * controls (line breaks, ESC), DEL, C1 controls, the bidirectional marks, embeddings, overrides and
 * isolates, and the Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const ACTING_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ACTING_ALL = new RegExp(ACTING_CHARACTERS.source, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every acting character written out visibly (`\n`, `\x1B`, `\u202E`): what one line
 * of a terminal or a table cell shows of a file name or a field someone typed, so it can neither
 * forge another line, nor clear the screen, set a title or plant a link, nor reorder what follows.
 */
export function visibleControls(text: string): string {
  if (!ACTING_CHARACTERS.test(text)) return text;
  return text.replace(ACTING_ALL, (character) => {
    const code = character.charCodeAt(0);
    return NAMED[character] ?? (code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}
