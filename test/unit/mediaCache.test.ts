import * as assert from 'node:assert/strict';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { MediaCache, mediaCacheFileName, ProductionMediaCaches } from '../../src/core/fs/mediaCache';
import { MemoryFileSystem } from './helpers/memoryFileSystem';

/** A memory file system whose files have the modification times the test gives them, counting hashes. */
function filesWithTimes(): { fs: FileSystem & MemoryFileSystem; hashed: string[]; touch(file: string, mtimeMs: number): void } {
  const fs = new MemoryFileSystem({ '/p/plate.exr': 'frame one', '/p/voice.wav': 'take one' }) as FileSystem & MemoryFileSystem;
  const times = new Map<string, number>([['/p/plate.exr', 1000], ['/p/voice.wav', 1000]]);
  const hashed: string[] = [];
  const stat = fs.stat.bind(fs);
  const sha256 = fs.sha256.bind(fs);
  fs.stat = async (file) => {
    const found = await stat(file);
    return found && { ...found, mtimeMs: times.get(file) ?? 0 };
  };
  fs.sha256 = async (file) => {
    hashed.push(file);
    return sha256(file);
  };
  return { fs, hashed, touch: (file, mtimeMs) => times.set(file, mtimeMs) };
}

describe('content hashes cached by size and modification time', () => {
  it('reads a file again only when its size or time changed', async () => {
    const { fs, hashed, touch } = filesWithTimes();
    const cache = new MediaCache();
    const hashOf = async (file: string) => cache.sha256(fs, file, (await fs.stat(file))!);
    const first = await hashOf('/p/plate.exr');
    assert.equal(await hashOf('/p/plate.exr'), first);
    assert.deepEqual(hashed, ['/p/plate.exr'], 'unchanged: not read again');

    touch('/p/plate.exr', 2000);
    assert.equal(await hashOf('/p/plate.exr'), first, 'same content, new time: same hash');
    await fs.writeFile('/p/plate.exr', new TextEncoder().encode('frame two, longer'));
    const changed = await hashOf('/p/plate.exr');
    assert.notEqual(changed, first);
    assert.deepEqual(hashed, ['/p/plate.exr', '/p/plate.exr', '/p/plate.exr']);
  });

  it('never trusts a file system that reports no modification time', async () => {
    const fs = new MemoryFileSystem({ '/p/a.png': 'a' });
    const cache = new MediaCache();
    let reads = 0;
    const sha256 = fs.sha256.bind(fs);
    fs.sha256 = async (file) => (reads++, sha256(file));
    for (let i = 0; i < 3; i++) await cache.sha256(fs, '/p/a.png', (await fs.stat('/p/a.png'))!);
    assert.equal(reads, 3);
  });

  it('persists between runs, and starts empty from a missing or damaged cache file', async () => {
    const { fs, hashed } = filesWithTimes();
    const file = '/cache/salt-line.json';
    const first = await MediaCache.load(fs, file);
    await first.sha256(fs, '/p/voice.wav', (await fs.stat('/p/voice.wav'))!);
    await first.save(fs, file);
    const second = await MediaCache.load(fs, file);
    await second.sha256(fs, '/p/voice.wav', (await fs.stat('/p/voice.wav'))!);
    assert.deepEqual(hashed, ['/p/voice.wav'], 'the second run used the saved hash');

    await fs.writeFile(file, new TextEncoder().encode('{ not json'));
    const damaged = await MediaCache.load(fs, file);
    await damaged.sha256(fs, '/p/voice.wav', (await fs.stat('/p/voice.wav'))!);
    assert.equal(hashed.length, 2, 'a damaged cache is ignored, not trusted');
  });

  it('keeps only the files a run asked for, and writes nothing when a run changed nothing', async () => {
    const { fs, hashed } = filesWithTimes();
    const file = '/cache/salt-line.json';
    const stored = async () => Object.keys((JSON.parse(new TextDecoder().decode(await fs.readFile(file))) as { sha256: object }).sha256);
    const first = await MediaCache.load(fs, file);
    for (const media of ['/p/plate.exr', '/p/voice.wav']) await first.sha256(fs, media, (await fs.stat(media))!);
    await first.save(fs, file);
    assert.deepEqual(await stored(), ['/p/plate.exr', '/p/voice.wav']);

    let writes = 0;
    const writeFile = fs.writeFile.bind(fs);
    fs.writeFile = async (target, data) => (writes++, writeFile(target, data));
    const same = await MediaCache.load(fs, file);
    for (const media of ['/p/plate.exr', '/p/voice.wav']) await same.sha256(fs, media, (await fs.stat(media))!);
    await same.save(fs, file);
    assert.equal(writes, 0, 'the same files, unchanged: the cache file is not rewritten');

    // The plate was deleted (or untagged): the next run does not ask for it.
    const next = await MediaCache.load(fs, file);
    await next.sha256(fs, '/p/voice.wav', (await fs.stat('/p/voice.wav'))!);
    await next.save(fs, file);
    assert.deepEqual(await stored(), ['/p/voice.wav'], 'a file no run asks for leaves the cache');
    assert.deepEqual(hashed, ['/p/plate.exr', '/p/voice.wav'], 'no file was read twice');
  });

  it('names a production\'s cache file by its folder and a digest of its whole path', () => {
    const name = mediaCacheFileName('/home/ed/Salt Line (2026)');
    assert.match(name, /^Salt_Line_2026_-[0-9a-f]{16}\.json$/);
    assert.notEqual(mediaCacheFileName('/home/ed/other/Salt Line (2026)'), name, 'same folder name elsewhere: another file');
    assert.equal(mediaCacheFileName('/home/ed/Salt Line (2026)'), name);
    assert.match(mediaCacheFileName('/'), /^[0-9a-f]{16}\.json$/);
  });

  it('keeps each production\'s hashes in a file of its own, read at its first check and written when changed', async () => {
    const { fs, hashed } = filesWithTimes();
    const hashOf = async (cache: MediaCache, file: string) => cache.sha256(fs, file, (await fs.stat(file))!);
    const session = new ProductionMediaCaches(fs, '/cache');
    const plates = await session.of('/p');
    assert.equal(await session.of('/p'), plates, 'one cache per production');
    await hashOf(plates, '/p/plate.exr');
    await session.of('/q');
    await session.save();
    assert.deepEqual(await fs.readDirectory('/cache').then((entries) => entries.map((e) => e.name)), [mediaCacheFileName('/p')], 'a production that hashed nothing writes nothing');

    const next = new ProductionMediaCaches(fs, '/cache');
    await hashOf(await next.of('/p'), '/p/plate.exr');
    assert.deepEqual(hashed, ['/p/plate.exr'], 'the next session read the hash from the file');

    const unsaved = new ProductionMediaCaches(fs, undefined);
    await hashOf(await unsaved.of('/p'), '/p/voice.wav');
    await unsaved.save();
    assert.equal((await fs.readDirectory('/cache')).length, 1, 'no folder: kept for the process only');
  });

  it('forgets in memory what a save dropped, so the next save writes nothing', async () => {
    const { fs } = filesWithTimes();
    const file = '/cache/p.json';
    const first = await MediaCache.load(fs, file);
    for (const media of ['/p/plate.exr', '/p/voice.wav']) await first.sha256(fs, media, (await fs.stat(media))!);
    await first.save(fs, file);
    const next = await MediaCache.load(fs, file);
    await next.sha256(fs, '/p/voice.wav', (await fs.stat('/p/voice.wav'))!);
    await next.save(fs, file);
    let writes = 0;
    const writeFile = fs.writeFile.bind(fs);
    fs.writeFile = async (target, data) => (writes++, writeFile(target, data));
    await next.save(fs, file);
    assert.equal(writes, 0);
  });
});
