import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeTextAtomic } from '../../src/core/fs/fileSystem';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { textChunks, utf8Chunks } from '../../src/core/text/pieces';
import { temporaryFolder } from '../support/fixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Text that is not all ASCII: a byte order mark, accents, a CJK character and one outside the BMP. */
const PIECES = ['\uFEFFid,title\r\n', ...Array.from({ length: 400 }, (_, i) => `use-${i},Café 雪 🎬 ${'x'.repeat(i % 37)}\r\n`)];

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('long text as pieces', () => {
  it('joins pieces into chunks of about the size asked, in order, a long piece on its own', () => {
    const chunks = [...textChunks(['ab', 'cd', 'e', 'fghij', 'k'], 3)];
    assert.deepEqual(chunks, ['abcd', 'efghij', 'k']);
    assert.deepEqual([...textChunks([], 3)], []);
  });

  it('encodes chunk by chunk to exactly the bytes of the whole text', async () => {
    const chunks = await collect(utf8Chunks(PIECES, 500));
    assert.ok(chunks.length > 10, `${chunks.length} chunks`);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(PIECES.join(''), 'utf8'));
  });

  it('writes pieces atomically, through a temporary file, to the same bytes as the joined text', async () => {
    const fs = new MemoryFileSystem();
    await writeTextAtomic(fs, '/prod/report.csv', PIECES);
    assert.match(fs.log[0], /^write \/prod\/report\.csv\..*\.tmp$/);
    assert.deepEqual(Buffer.from(fs.files.get('/prod/report.csv')!), Buffer.from(PIECES.join(''), 'utf8'));

    const { dir, cleanup } = temporaryFolder();
    try {
      const target = toPosixPath(path.join(dir, 'report.csv'));
      await writeTextAtomic(nodeFileSystem, target, PIECES);
      assert.deepEqual(readFileSync(target), Buffer.from(PIECES.join(''), 'utf8'));
      assert.deepEqual(readdirSync(dir), ['report.csv']);
    } finally {
      cleanup();
    }
  });
});
