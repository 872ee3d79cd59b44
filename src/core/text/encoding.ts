import { LineIndex, TextPosition } from './lineIndex';

/** Text read from bytes, with what a rewrite must keep: whether it began with a byte-order mark. */
export type DecodedText = { ok: true; text: string; bom: boolean } | { ok: false; message: string; start: TextPosition };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const BOM = '\uFEFF';

/**
 * Decodes UTF-8 without replacing anything: invalid bytes are reported at their line and column
 * (a file is never rewritten with U+FFFD in place of what was there), and a file in UTF-16 or
 * UTF-32 is named as such once instead of read as thousands of stray characters.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const wide = wideEncodingOf(bytes);
  if (wide) {
    return {
      ok: false,
      message: `the file is ${wide}; AI Disclosure reads UTF-8, so save it as UTF-8 (VS Code: the encoding in the status bar, then "Save with Encoding")`,
      start: { line: 1, column: 1 },
    };
  }
  try {
    const text = strictUtf8.decode(bytes);
    return text.startsWith(BOM) ? { ok: true, text: text.slice(1), bom: true } : { ok: true, text, bom: false };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = lenientUtf8.decode(bytes.subarray(0, offset));
    const hex = Array.from(bytes.subarray(offset, offset + 4), (byte) => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`);
    return {
      ok: false,
      message: `invalid UTF-8 at byte ${offset} (${hex.join(' ')}); AI Disclosure reads UTF-8 text and changes nothing in a file it cannot read exactly`,
      start: new LineIndex(before.startsWith(BOM) ? before.slice(1) : before).positionAt(before.length),
    };
  }
}

/** The text as bytes, with the byte-order mark it was read with. */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  return encoder.encode(bom ? BOM + text : text);
}

const encoder = new TextEncoder();

/** UTF-16 or UTF-32 by their byte-order marks, or (without one) by the zero bytes ASCII text has in them. */
function wideEncodingOf(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian)';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32 (little-endian)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian)';
  if (a === 0xff && b === 0xfe) return 'UTF-16 (little-endian)';
  if (bytes.length >= 4 && a !== 0 && b === 0 && c !== 0 && d === 0) return 'UTF-16 (little-endian)';
  if (bytes.length >= 4 && a === 0 && b !== 0 && c === 0 && d !== 0) return 'UTF-16 (big-endian)';
  return undefined;
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence (as TextDecoder's fatal mode judges). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length =
      byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    const second = bytes[i + 1];
    if (byte === 0xe0 && second < 0xa0) return i;
    if (byte === 0xed && second > 0x9f) return i;
    if (byte === 0xf0 && second < 0x90) return i;
    if (byte === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return bytes.length;
}
