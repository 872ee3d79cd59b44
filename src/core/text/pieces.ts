/**
 * A long text (a report of tens of megabytes) as the pieces it was written in, in order. Joining
 * them into one string, or encoding that string, is one task of tens of milliseconds and a copy
 * of the whole text; pieces are written out a chunk at a time instead.
 */
export type TextPieces = readonly string[];

/** Characters per chunk: about a millisecond to join and encode. */
export const CHUNK_CHARS = 1 << 20;

/** The pieces joined into chunks of about `chunkChars` characters (a longer piece is its own chunk). */
export function* textChunks(pieces: TextPieces, chunkChars = CHUNK_CHARS): Generator<string, void, void> {
  let group: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    group.push(piece);
    length += piece.length;
    if (length >= chunkChars) {
      yield group.join('');
      group = [];
      length = 0;
    }
  }
  if (length > 0) yield group.join('');
}

const utf8Encoder = new TextEncoder();

/**
 * The pieces as UTF-8, a chunk at a time. Async so a writer awaits each chunk's write before the
 * next is encoded: the event loop turns between chunks. A piece never ends inside a surrogate
 * pair (pieces are whole strings of a renderer), so each chunk encodes on its own.
 */
export async function* utf8Chunks(pieces: TextPieces, chunkChars = CHUNK_CHARS): AsyncGenerator<Uint8Array, void, void> {
  for (const chunk of textChunks(pieces, chunkChars)) yield utf8Encoder.encode(chunk);
}
