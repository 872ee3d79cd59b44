import * as assert from 'node:assert/strict';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { MediaCache, mediaCacheFileName, ProductionMediaCaches } from '../../src/core/fs/mediaCache';
import { userMediaCacheFolder } from '../../src/core/fs/userCache';
import { temporaryFolder } from '../support/fixtures';
import { cachedFacts } from '../support/mediaCacheFile';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** A memory file system whose files have the modification times the test gives them, counting hashes. */
function filesWithTimes(): { fs: FileSystem & MemoryFileSystem; hashed: string[]; touch: (file: string, mtimeMs: number) => void } {
  const fs = new MemoryFileSystem({ '/p/plate.exr': 'frame one', '/p/voice.wav': 'take one' }) as FileSystem & MemoryFileSystem;
  const times = new Map<string, number>([
    ['/p/plate.exr', 1000],
    ['/p/voice.wav', 1000],
  ]);
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
    const stored = async () => Object.keys(cachedFacts(new TextDecoder().decode(await fs.readFile(file))).sha256);
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

  it('answers a kept hash at once only for the file as it was', async () => {
    const { fs, hashed } = filesWithTimes();
    const file = '/cache/salt-line.json';
    const stat = (await fs.stat('/p/voice.wav'))!;
    const first = await MediaCache.load(fs, file);
    assert.equal(first.knownSha256('/p/voice.wav', stat), undefined, 'nothing known before it is read');
    const hash = await first.sha256(fs, '/p/voice.wav', stat);
    await first.save(fs, file);
    const next = await MediaCache.load(fs, file);
    assert.equal(next.knownSha256('/p/voice.wav', stat), hash);
    assert.equal(next.knownSha256('/p/voice.wav', { ...stat, size: stat.size + 1 }), undefined, 'another size: changed');
    assert.equal(next.knownSha256('/p/voice.wav', { ...stat, mtimeMs: stat.mtimeMs + 1 }), undefined, 'another time: changed');
    await next.save(fs, file);
    assert.deepEqual(Object.keys(cachedFacts(new TextDecoder().decode(await fs.readFile(file))).sha256), ['/p/voice.wav']);
    assert.deepEqual(hashed, ['/p/voice.wav'], 'read once');
  });

  it("keeps its files in the user's cache folder, made when first asked for, or nowhere when turned off", () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      assert.equal(userMediaCacheFolder({ XDG_CACHE_HOME: dir, AI_DISCLOSURE_MEDIA_CACHE: 'off' }), undefined);
      assert.ok(!existsSync(`${dir}/ai-disclosure`), 'turned off: nothing made');
      mkdirSync(`${dir}/ai-disclosure`);
      writeFileSync(`${dir}/ai-disclosure/sha256-v1.json`, '{}');
      const folder = userMediaCacheFolder({ XDG_CACHE_HOME: dir });
      assert.equal(folder, `${dir}/ai-disclosure/media-v1`);
      assert.ok(existsSync(folder));
      assert.ok(!existsSync(`${dir}/ai-disclosure/sha256-v1.json`), 'the file earlier releases shared is removed');
    } finally {
      cleanup();
    }
  });

  it("names a production's cache file by its folder and a digest of its whole path", () => {
    const name = mediaCacheFileName('/home/ed/Salt Line (2026)');
    assert.match(name, /^Salt_Line_2026_-[0-9a-f]{16}\.jsonl$/);
    assert.notEqual(mediaCacheFileName('/home/ed/other/Salt Line (2026)'), name, 'same folder name elsewhere: another file');
    assert.equal(mediaCacheFileName('/home/ed/Salt Line (2026)'), name);
    assert.match(mediaCacheFileName('/'), /^[0-9a-f]{16}\.jsonl$/);
  });

  it("keeps each production's hashes in a file of its own, read at its first check and written when changed", async () => {
    const { fs, hashed } = filesWithTimes();
    const hashOf = async (cache: MediaCache, file: string) => cache.sha256(fs, file, (await fs.stat(file))!);
    const session = new ProductionMediaCaches(fs, '/cache');
    const plates = await session.of('/p');
    assert.equal(await session.of('/p'), plates, 'one cache per production');
    await hashOf(plates, '/p/plate.exr');
    await session.of('/q');
    await session.save();
    assert.deepEqual(
      await fs.readDirectory('/cache').then((entries) => entries.map((e) => e.name)),
      [mediaCacheFileName('/p')],
      'a production that hashed nothing writes nothing',
    );

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

  it('keeps its file as JSON Lines, and skips a damaged or ill-shaped line rather than trusting it', async () => {
    const fs = new MemoryFileSystem({}) as FileSystem & MemoryFileSystem;
    const file = '/cache/p.json';
    const media = Array.from({ length: 1500 }, (_, i) => `/p/frame-${i}.png`);
    const cache = new MediaCache();
    for (const [i, medium] of media.entries()) {
      const stat = { type: 'file' as const, size: i, mtimeMs: 1000 + i };
      await cache.sha256({ ...fs, sha256: async () => `hash-${i}` }, medium, stat);
      await cache.generativeProvenance(medium, stat, async () => ({ format: 'png', generative: i % 2 === 0, bytesRead: 10 }));
    }
    await cache.save(fs, file);
    const text = new TextDecoder().decode(await fs.readFile(file));
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 1 + 2 * media.length, 'a header and a line per fact');
    const facts = cachedFacts(text);
    assert.deepEqual(facts.sha256['/p/frame-7.png'], [7, 1007, 'hash-7']);
    assert.deepEqual(facts.provenance['/p/frame-7.png'], [7, 1007, null], 'no generative marker: null');
    assert.equal(facts.provenance['/p/frame-8.png']?.[2]?.generative, true);

    // Damaged and ill-shaped lines among good ones.
    const edited = [
      lines[0],
      '{ not json',
      '["sha256","/p/frame-1.png","1",1001,"forged"]',
      '["provenance","/p/frame-2.png",2,1002,{"generative":"yes"}]',
      ...lines.slice(1),
    ].join('\n');
    await fs.writeFile(file, new TextEncoder().encode(edited.replace('"hash-3"', '"hash-3"]]')));
    const read = await MediaCache.load(fs, file);
    const never = async (): Promise<never> => {
      throw new Error('read again');
    };
    const statOf = (i: number) => ({ type: 'file' as const, size: i, mtimeMs: 1000 + i });
    assert.equal(
      await read.sha256({ ...fs, sha256: never }, '/p/frame-1.png', statOf(1)),
      'hash-1',
      'the forged line was skipped, the good one kept',
    );
    assert.equal(
      await read.sha256({ ...fs, sha256: async () => 'read' }, '/p/frame-3.png', statOf(3)),
      'read',
      'a damaged line is not trusted',
    );
    assert.equal((await read.generativeProvenance('/p/frame-2.png', statOf(2), never))?.generative, true);
    assert.equal(await read.generativeProvenance('/p/frame-1.png', statOf(1), never), undefined);
    assert.equal(await read.sha256({ ...fs, sha256: never }, '/p/frame-1499.png', statOf(1499)), 'hash-1499');
  });

  it('keeps at most its limit of facts, the oldest going first, and saves once for it', async () => {
    const fs = new MemoryFileSystem({}) as FileSystem & MemoryFileSystem;
    const cache = new MediaCache(2);
    for (const [i, medium] of ['/p/a.exr', '/p/b.exr', '/p/c.exr'].entries())
      await cache.sha256({ ...fs, sha256: async () => `hash-${i}` }, medium, { type: 'file', size: i, mtimeMs: 1000 + i });
    await cache.save(fs, '/cache/p.json');
    assert.deepEqual(Object.keys(cachedFacts(new TextDecoder().decode(await fs.readFile('/cache/p.json'))).sha256), [
      '/p/b.exr',
      '/p/c.exr',
    ]);
    let writes = 0;
    const writeFile = fs.writeFile.bind(fs);
    fs.writeFile = async (target, data) => (writes++, writeFile(target, data));
    await cache.save(fs, '/cache/p.json');
    assert.equal(writes, 0, 'a file asked for whose fact went past the limit is nothing to write');
  });
});
