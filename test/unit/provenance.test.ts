import * as assert from 'node:assert/strict';
import { copyFileSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { HEAD_BYTES } from '../../src/core/provenance/byteSource';
import { describeProvenance, readProvenance, toolFromProvenance } from '../../src/core/provenance/provenance';
import { REPO_ROOT, temporaryFolder } from './helpers/fixtures';
import { filesCoveredBy, provenanceThrough, undeclaredCandidates } from '../../src/core/workspace/undeclared';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { MediaCache } from '../../src/core/fs/mediaCache';

/** Real-format files: media made by ImageMagick, ffmpeg and libheif, XMP by ExifTool, C2PA by c2pa-ts (scripts/make-provenance-fixtures.mjs). */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'provenance');
const read = (name: string) => readProvenance(nodeFileSystem, `${FIXTURES}/${name}`);

describe('provenance markers read from real files', () => {
  const formats = { jpg: 'jpeg', png: 'png', tif: 'tiff', webp: 'riff', heic: 'bmff', mp4: 'bmff', mov: 'bmff', wav: 'riff', pdf: 'pdf' } as const;
  for (const [extension, format] of Object.entries(formats)) {
    it(`reads the IPTC digital source type and AI fields from ExifTool's XMP in ${extension.toUpperCase()}`, async () => {
      const found = await read(`xmp-generated.${extension}`);
      assert.ok(found);
      assert.equal(found.format, format);
      assert.equal(found.digitalSourceType, 'trainedAlgorithmicMedia');
      assert.equal(found.aiSystem, 'Imagen Studio');
      assert.equal(found.aiSystemVersion, '3.1');
      assert.equal(found.aiPrompt, 'storm clouds over a harbour wall at dawn');
      assert.equal(found.generative, true);
      assert.equal(found.c2pa, undefined);
    });
  }

  it('tells generative source types from the others', async () => {
    const generative = async (name: string) => {
      const found = await read(name);
      return `${found?.digitalSourceType}:${found?.generative}`;
    };
    assert.equal(await generative('xmp-inpainted.jpg'), 'compositeWithTrainedAlgorithmicMedia:true');
    assert.equal(await generative('xmp-composite.png'), 'compositeSynthetic:true');
    assert.equal(await generative('xmp-camera.jpg'), 'digitalCapture:false');
    assert.equal(await generative('xmp-algorithmic.png'), 'algorithmicMedia:false', 'a pure algorithm with no training data is not generative AI');
  });

  it('finds nothing in files without markers', async () => {
    for (const name of ['plain.jpg', 'plain.png', 'plain.wav']) {
      const found = await read(name);
      assert.deepEqual({ ...found, bytesRead: 0 }, { format: found!.format, generative: false, bytesRead: 0 }, name);
    }
  });

  it('reads the actions of an embedded C2PA manifest in JPEG and PNG', async () => {
    for (const name of ['c2pa-generated.jpg', 'c2pa-generated.png']) {
      const found = await read(name);
      assert.ok(found?.c2pa, name);
      assert.equal(found.c2pa.where, 'embedded');
      assert.equal(found.c2pa.manifests, 1);
      assert.deepEqual(found.c2pa.actions, [{ action: 'c2pa.created', digitalSourceType: 'trainedAlgorithmicMedia', softwareAgent: 'Imagen Studio 3.1' }]);
      assert.equal(found.generative, true);
      assert.equal(found.digitalSourceType, undefined, 'no XMP in these');
      assert.deepEqual(toolFromProvenance(found), { name: 'Imagen Studio', version: '3.1' });
    }
  });

  it('finds generative AI in a later C2PA action, and not in a camera capture', async () => {
    const edited = await read('c2pa-edited.jpg');
    assert.deepEqual(edited?.c2pa?.actions.map((a) => `${a.action}:${a.digitalSourceType}`), ['c2pa.opened:digitalCapture', 'c2pa.edited:compositeWithTrainedAlgorithmicMedia']);
    assert.equal(edited?.generative, true);
    assert.deepEqual(toolFromProvenance(edited!), { name: 'Fill Studio', version: '2' });
    const camera = await read('c2pa-camera.jpg');
    assert.ok(camera?.c2pa);
    assert.equal(camera.generative, false);
  });

  it('reads a C2PA manifest kept in a .c2pa sidecar file', async () => {
    const found = await read('c2pa-sidecar.png');
    assert.equal(found?.c2pa?.where, 'sidecar');
    assert.equal(found?.generative, true);
    assert.match(describeProvenance(found!), /a C2PA sidecar manifest recording c2pa\.created \(trainedAlgorithmicMedia\); made with Imagen Studio 3\.1/);
  });

  it('reads only the headers of a large file', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      for (const name of ['xmp-generated.jpg', 'c2pa-generated.png', 'xmp-generated.mp4', 'xmp-generated.wav']) {
        // A 2 GiB file whose metadata is where its tools put it (a sparse file: no disk used).
        const big = `${dir}/big-${name}`;
        copyFileSync(`${FIXTURES}/${name}`, big);
        const handle = openSync(big, 'r+');
        ftruncateSync(handle, 2 * 1024 ** 3);
        closeSync(handle);
        const found = await readProvenance(nodeFileSystem, big);
        assert.equal(found?.generative, true, name);
        assert.ok(found.bytesRead <= HEAD_BYTES + 1024, `${name}: read ${found.bytesRead} bytes`);
      }
    } finally {
      cleanup();
    }
  });

  it('never throws on damaged or hostile files, and finds no marker in them', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const samples: [string, Uint8Array][] = [];
      for (const name of ['c2pa-generated.jpg', 'c2pa-generated.png', 'xmp-generated.mp4', 'xmp-generated.wav', 'xmp-generated.pdf']) {
        const bytes = readFileSync(`${FIXTURES}/${name}`);
        for (const cut of [3, 11, 40, 200, Math.floor(bytes.length / 2), bytes.length - 5]) samples.push([`cut-${cut}-${name}`, bytes.subarray(0, cut)]);
        // Every length field claiming 4 GiB.
        const huge = Buffer.from(bytes);
        for (let at = 8; at + 4 < huge.length; at += 97) huge.writeUInt32BE(0xffffffff, at);
        samples.push([`huge-${name}`, huge]);
      }
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let i = 0; i < 50; i++) samples.push([`noise-${i}.jpg`, Uint8Array.from({ length: 1 + Math.floor(random() * 4096) }, () => Math.floor(random() * 256))]);
      for (const [name, bytes] of samples) {
        writeFileSync(`${dir}/${name}`, bytes);
        const found = await readProvenance(nodeFileSystem, `${dir}/${name}`);
        if (name.startsWith('noise-')) assert.equal(found?.generative ?? false, false, name);
      }
    } finally {
      cleanup();
    }
  });
});

describe('assets whose metadata is read for undeclared AI', () => {
  it('are media no use covers, no sidecar describes and no configuration leaves out', async () => {
    const files = ['/p/a.png', '/p/b.png', '/p/c.png', '/p/notes.txt', '/p/renders/d.png', '/p/renders/e.png'];
    const uses = await filesCoveredBy([{ subjects: ['/p/a.png'] }]);
    const sidecars = new Set(['/p/b.png.ai.json']);
    const asked: string[] = [];
    const isExcluded = (file: string) => (asked.push(file), file.startsWith('/p/renders/'));
    assert.deepEqual(await undeclaredCandidates(files, uses, sidecars, isExcluded), ['/p/c.png']);
    assert.deepEqual(asked, ['/p/c.png', '/p/renders/d.png', '/p/renders/e.png'], 'asked only of media otherwise undeclared');
    assert.deepEqual(await undeclaredCandidates(files, uses, sidecars), ['/p/c.png', '/p/renders/d.png', '/p/renders/e.png']);
  });
});

describe('provenance kept in the media cache between checks', () => {
  it('reads a medium again only when it changed, or when a C2PA manifest lies beside it', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const folder = dir.split(path.sep).join('/');
      for (const [fixture, name] of [['xmp-generated.png', 'made.png'], ['plain.png', 'camera.png'], ['c2pa-sidecar.png', 'signed.png'], ['c2pa-sidecar.c2pa', 'signed.c2pa']]) copyFileSync(`${FIXTURES}/${fixture}`, `${folder}/${name}`);
      const files = ['camera.png', 'made.png', 'signed.c2pa', 'signed.png'].map((name) => `${folder}/${name}`);
      const media = files.filter((file) => !file.endsWith('.c2pa'));
      const opened: string[] = [];
      const counting: FileSystem = { ...nodeFileSystem, readBytes: (file, offset, length) => (opened.push(path.posix.basename(file)), nodeFileSystem.readBytes(file, offset, length)) };
      const check = async (cache: MediaCache) => {
        opened.length = 0;
        const read = provenanceThrough(counting, cache, files);
        return Promise.all(media.map(read));
      };

      const cacheFile = `${folder}/cache.json`;
      const first = await MediaCache.load(nodeFileSystem, cacheFile);
      const found = await check(first);
      assert.deepEqual(found.map((p) => p?.generative), [undefined, true, true], 'the camera still has no marker; the others say generative AI');
      assert.deepEqual([...new Set(opened)].sort(), ['camera.png', 'made.png', 'signed.png']);
      await first.save(nodeFileSystem, cacheFile);

      const next = await MediaCache.load(nodeFileSystem, cacheFile);
      assert.deepEqual(await check(next), found, 'the same answers from the cache');
      assert.deepEqual([...new Set(opened)], ['signed.png'], 'only the medium with a manifest beside it was read again');

      writeFileSync(`${folder}/camera.png`, Buffer.concat([readFileSync(`${folder}/camera.png`), Buffer.from('more')]));
      await check(next);
      assert.deepEqual([...new Set(opened)].sort(), ['camera.png', 'signed.png'], 'a medium that changed is read again');
    } finally {
      cleanup();
    }
  });
});
