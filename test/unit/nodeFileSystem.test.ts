import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileSystem, FileTooLargeError, isMissingFileError, NotRegularFileError, readFileIfPresent } from '../../src/core/fs/fileSystem';
import { adaptiveNodeFileSystem, nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { toPosixPath } from '../../src/core/sidecar/paths';

// The extension reads through the thread pool; the CLI blocks while reads are fast and goes to the
// pool once they are slow (every read counts as slow with a threshold below zero): all behave alike.
const variants: [string, () => FileSystem][] = [
  ['thread pool', () => nodeFileSystem],
  ['adaptive, blocking', () => adaptiveNodeFileSystem()],
  [
    'adaptive, gone to the pool',
    () => {
      const fs = adaptiveNodeFileSystem(-1);
      for (let i = 0; i < 32; i++) void fs.stat('/');
      assert.equal(fs.reads, 'pooled');
      return fs;
    },
  ],
];

describe('adaptive reads', () => {
  it('keeps blocking while reads come from the cache, and goes to the pool when most of a window is slow', async () => {
    const cached = adaptiveNodeFileSystem();
    for (let i = 0; i < 100; i++) await cached.stat('/');
    assert.equal(cached.reads, 'blocking');
    const disk = adaptiveNodeFileSystem(-1);
    for (let i = 0; i < 31; i++) await disk.stat('/');
    assert.equal(disk.reads, 'blocking', 'one window decides, not one read');
    await disk.stat('/');
    assert.equal(disk.reads, 'pooled');
  });

  it('takes only small files for the window: a large one is slow from the cache too', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ai-disclosure-window-'));
    try {
      writeFileSync(`${root}/script.fountain`, 'INT. HOUSE - NIGHT\n\n'.repeat(8 * 1024));
      writeFileSync(`${root}/shot.ai.json`, '{"version":1,"uses":[]}');
      const everySampledReadSlow = adaptiveNodeFileSystem(-1);
      for (let i = 0; i < 40; i++) await everySampledReadSlow.readFile(`${root}/script.fountain`);
      assert.equal(everySampledReadSlow.reads, 'blocking', 'scripts read side by side do not look like a disk');
      for (let i = 0; i < 32; i++) await everySampledReadSlow.readFile(`${root}/shot.ai.json`);
      assert.equal(everySampledReadSlow.reads, 'pooled');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('goes to the pool after one read as long as a thread that must not be held allows', async () => {
    const fast = adaptiveNodeFileSystem(undefined, 60_000);
    for (let i = 0; i < 40; i++) await fast.stat('/');
    assert.equal(fast.reads, 'blocking');
    const slowShare = adaptiveNodeFileSystem(undefined, -1);
    await slowShare.stat('/');
    assert.equal(slowShare.reads, 'pooled', 'one read, not a window of them');
    assert.equal((await slowShare.stat('/'))?.type, 'directory', 'and it goes on reading, in the pool');
  });
});
for (const [name, make] of variants) {
  describe(`Node file system (${name})`, () => {
    let root: string;
    let fs: FileSystem;
    beforeEach(() => {
      fs = make();
      root = toPosixPath(mkdtempSync(path.join(tmpdir(), 'ai-disclosure-fs-')));
      mkdirSync(`${root}/shots`);
      writeFileSync(`${root}/shots/plate.exr.ai.json`, '{"version":1,"uses":[]}');
      writeFileSync(`${root}/notes.txt`, 'twelve bytes');
      symlinkSync(`${root}/notes.txt`, `${root}/link.txt`);
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('reads a whole file, and refuses one over the limit saying its size', async () => {
      assert.equal(new TextDecoder().decode(await fs.readFile(`${root}/notes.txt`)), 'twelve bytes');
      assert.equal(new TextDecoder().decode(await fs.readFile(`${root}/notes.txt`, 12)), 'twelve bytes');
      await assert.rejects(fs.readFile(`${root}/notes.txt`, 11), (error) => error instanceof FileTooLargeError && error.size === 12);
    });

    it('reads empty files and files of every size around its read buffers whole', async () => {
      for (const size of [0, 1, 4095, 4096, 65535, 65536, 65537, 300_000]) {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 251);
        writeFileSync(`${root}/sized.bin`, bytes);
        assert.deepEqual(new Uint8Array(await fs.readFile(`${root}/sized.bin`)), bytes, `${size} bytes`);
        await assert.rejects(
          fs.readFile(`${root}/sized.bin`, size - 1),
          (error) => error instanceof FileTooLargeError && error.size === size,
        );
      }
    });

    it('refuses a FIFO or device at once instead of waiting for a writer, and reads a folder as missing, as before', async () => {
      const fifo = `${root}/scene.fountain`;
      execFileSync('mkfifo', [fifo]);
      const refused = (error: unknown) => error instanceof NotRegularFileError && error.path === fifo;
      await assert.rejects(fs.readFile(fifo), refused);
      await assert.rejects(fs.readFile(fifo, 100), refused);
      await assert.rejects(fs.openForReading(fifo), refused);
      await assert.rejects(fs.sha256(fifo), refused);
      await assert.rejects(fs.sha256('/dev/zero'), (error) => error instanceof NotRegularFileError);
      await assert.rejects(fs.readFile('/dev/zero'), (error) => error instanceof NotRegularFileError);
      await assert.rejects(fs.readFile('/dev/null'), (error) => error instanceof NotRegularFileError);
      assert.equal(await readFileIfPresent(fs, `${root}/shots`), undefined);
    });

    it('says a missing file is missing', async () => {
      await assert.rejects(fs.readFile(`${root}/gone.txt`, 100), (error) => isMissingFileError(error));
      assert.equal(await readFileIfPresent(fs, `${root}/gone.txt`, 100), undefined);
      assert.equal(await fs.stat(`${root}/gone.txt`), undefined);
    });

    it('reads slices of a file opened once, shorter at the end of the file', async () => {
      const reader = await fs.openForReading(`${root}/notes.txt`);
      try {
        assert.equal(new TextDecoder().decode(await reader.read(7, 100)), 'bytes');
        assert.equal(new TextDecoder().decode(await reader.read(0, 6)), 'twelve');
        assert.equal((await reader.read(50, 10)).length, 0, 'past the end');
      } finally {
        await reader.close();
      }
      await assert.rejects(fs.openForReading(`${root}/gone.txt`), (error) => isMissingFileError(error));
    });

    it('hashes a file of several read chunks, and an empty one', async () => {
      const content = Buffer.alloc(2.5 * 1024 * 1024 + 7, 'frame ');
      writeFileSync(`${root}/plate.exr`, content);
      writeFileSync(`${root}/empty.wav`, '');
      assert.equal(await fs.sha256(`${root}/plate.exr`), createHash('sha256').update(content).digest('hex'));
      assert.equal(await fs.sha256(`${root}/empty.wav`), createHash('sha256').digest('hex'));
      // After a large file, a small one is hashed from its own bytes alone.
      writeFileSync(`${root}/still.png`, 'still');
      assert.equal(await fs.sha256(`${root}/still.png`), createHash('sha256').update('still').digest('hex'));
    });

    it('tells files, folders and links apart', async () => {
      assert.equal((await fs.stat(`${root}/shots`))?.type, 'directory');
      assert.equal((await fs.stat(`${root}/notes.txt`))?.size, 12);
      const entries = (await fs.readDirectory(root)).sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(entries, [
        { name: 'link.txt', type: 'symlink' },
        { name: 'notes.txt', type: 'file' },
        { name: 'shots', type: 'directory' },
      ]);
    });
  });
}
