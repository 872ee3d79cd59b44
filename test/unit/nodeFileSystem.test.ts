import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileSystem, FileTooLargeError, isMissingFileError, readFileIfPresent } from '../../src/core/fs/fileSystem';
import { blockingNodeFileSystem, nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { toPosixPath } from '../../src/core/sidecar/paths';

// The CLI reads with blocking calls and the extension with the thread pool: both must behave alike.
for (const [name, fs] of [['thread-pool', nodeFileSystem], ['blocking', blockingNodeFileSystem]] as [string, FileSystem][]) {
  describe(`Node file system (${name} reads)`, () => {
    let root: string;
    beforeEach(() => {
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

    it('says a missing file is missing', async () => {
      await assert.rejects(fs.readFile(`${root}/gone.txt`, 100), (error) => isMissingFileError(error));
      assert.equal(await readFileIfPresent(fs, `${root}/gone.txt`, 100), undefined);
      assert.equal(await fs.stat(`${root}/gone.txt`), undefined);
    });

    it('reads a slice, shorter at the end of the file', async () => {
      assert.equal(new TextDecoder().decode(await fs.readBytes(`${root}/notes.txt`, 7, 100)), 'bytes');
    });

    it('tells files, folders and links apart', async () => {
      assert.equal((await fs.stat(`${root}/shots`))?.type, 'directory');
      assert.equal((await fs.stat(`${root}/notes.txt`))?.size, 12);
      const entries = (await fs.readDirectory(root)).sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(entries, [
        { name: 'link.txt', type: 'other' },
        { name: 'notes.txt', type: 'file' },
        { name: 'shots', type: 'directory' },
      ]);
    });
  });
}
