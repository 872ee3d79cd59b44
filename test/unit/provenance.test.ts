import * as assert from 'node:assert/strict';
import { copyFileSync, openSync, closeSync, ftruncateSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { HEAD_BYTES } from '../../src/core/provenance/byteSource';
import fc from 'fast-check';
import {
  describeProvenance,
  hasReadableProvenance,
  Provenance,
  PROVENANCE_EXTENSIONS,
  readProvenance,
  toolFromProvenance,
} from '../../src/core/provenance/provenance';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';
import { filesCoveredBy, KnownProvenance, provenanceThrough, undeclaredCandidates } from '../../src/core/workspace/undeclared';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { MediaCache } from '../../src/core/fs/mediaCache';
import { cachedFacts } from '../support/mediaCacheFile';

/** Real-format files: media made by ImageMagick, ffmpeg and libheif, XMP by ExifTool, C2PA by c2pa-ts (scripts/make-provenance-fixtures.mjs). */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'provenance');
const read = (name: string) => readProvenance(nodeFileSystem, `${FIXTURES}/${name}`);

/** Deterministic bytes that do not compress. */
function noise(length: number, seed: number): Buffer {
  let state = seed * 2654435761 + 1;
  return Buffer.from(Array.from({ length }, () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24));
}

/** A PNG's chunks, in order, as type and data. */
function pngChunks(bytes: Buffer): [string, Buffer][] {
  const chunks: [string, Buffer][] = [];
  for (let at = 8; at + 12 <= bytes.length; at += 12 + bytes.readUInt32BE(at))
    chunks.push([bytes.toString('latin1', at + 4, at + 8), bytes.subarray(at + 8, at + 8 + bytes.readUInt32BE(at))]);
  return chunks;
}

/** A PNG of these chunks, each with its length and CRC. */
function pngFile(chunks: [string, Buffer][]): Buffer {
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(typed.length + 8);
    framed.writeUInt32BE(data.length, 0);
    typed.copy(framed, 4);
    framed.writeUInt32BE(crc32(typed), typed.length + 4);
    parts.push(framed);
  }
  return Buffer.concat(parts);
}

/**
 * A grey TIFF (classic or BigTIFF) whose metadata tag's data lies between its image data and
 * another 200 KB (as a second page's would), with its directory at the end: the metadata is
 * neither near the start nor near the end of the file.
 */
function tiffWithTagBetween(metadataTag: number, packet: Buffer, big: boolean): Buffer {
  const [width, height] = [400, 500];
  const strip = noise(width * height, 3);
  const header = Buffer.alloc(big ? 16 : 8);
  const stripAt = header.length;
  const packetAt = stripAt + strip.length;
  const filler = noise(200_000 + (packet.length % 2), 4);
  const directoryAt = packetAt + packet.length + filler.length;
  const tags: [tag: number, type: number, count: number, value: number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 4, 1, 8],
    [259, 4, 1, 1],
    [262, 4, 1, 1],
    [273, 4, 1, stripAt],
    [277, 4, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, strip.length],
    [metadataTag, 7, packet.length, packetAt],
  ];
  const [countBytes, entryBytes] = big ? [8, 20] : [2, 12];
  const directory = Buffer.alloc(countBytes + tags.length * entryBytes + (big ? 8 : 4));
  header.write('II', 0, 'latin1');
  if (big) {
    header.writeUInt16LE(43, 2);
    header.writeUInt16LE(8, 4);
    header.writeBigUInt64LE(BigInt(directoryAt), 8);
    directory.writeBigUInt64LE(BigInt(tags.length), 0);
  } else {
    header.writeUInt16LE(42, 2);
    header.writeUInt32LE(directoryAt, 4);
    directory.writeUInt16LE(tags.length, 0);
  }
  tags.forEach(([tag, type, count, value], i) => {
    const at = countBytes + i * entryBytes;
    directory.writeUInt16LE(tag, at);
    directory.writeUInt16LE(type, at + 2);
    if (big) {
      directory.writeBigUInt64LE(BigInt(count), at + 4);
      directory.writeBigUInt64LE(BigInt(value), at + 12);
    } else {
      directory.writeUInt32LE(count, at + 4);
      directory.writeUInt32LE(value, at + 8);
    }
  });
  return Buffer.concat([header, strip, packet, filler, directory]);
}

/** ID3's 28-bit sizes, seven bits a byte. */
function synchsafe(bytes: Buffer, at: number): number {
  return ((bytes[at] & 0x7f) << 21) | ((bytes[at + 1] & 0x7f) << 14) | ((bytes[at + 2] & 0x7f) << 7) | (bytes[at + 3] & 0x7f);
}

function synchsafeBytes(size: number): Buffer {
  return Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
}

/** An ID3v2 frame: v2.4 gives its size in 7-bit bytes, v2.3 as a plain 32-bit number. */
function id3Frame(id: string, data: Buffer, version: 3 | 4): Buffer {
  const size = version === 4 ? synchsafeBytes(data.length) : Buffer.alloc(4);
  if (version === 3) size.writeUInt32BE(data.length);
  return Buffer.concat([Buffer.from(id, 'latin1'), size, Buffer.alloc(2), data]);
}

/** An ID3v2 tag of these frames; v2.3 with an (empty) extended header, as some taggers write. */
function id3Tag(frames: Buffer[], version: 3 | 4): Buffer {
  const extended = version === 3 ? Buffer.from([0, 0, 0, 6, 0, 0, 0, 0, 0, 0]) : Buffer.alloc(0);
  const body = Buffer.concat([extended, ...frames]);
  return Buffer.concat([
    Buffer.from('ID3', 'latin1'),
    Buffer.from([version, 0, version === 3 ? 0x40 : 0]),
    synchsafeBytes(body.length),
    body,
  ]);
}

describe('provenance markers read from real files', () => {
  const formats = {
    jpg: 'jpeg',
    png: 'png',
    tif: 'tiff',
    webp: 'riff',
    heic: 'bmff',
    mp4: 'bmff',
    mov: 'bmff',
    wav: 'riff',
    pdf: 'pdf',
  } as const;
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

  it('reads the provenance of media by their extension, in any case, as path.extname reads it', () => {
    for (const file of ['/p/a.png', '/p/A.PNG', '/p/b..jpeg', '/p/still.Tiff', '/p/x.y/clip.mov', 'C:/p/voice.WAV'])
      assert.ok(hasReadableProvenance(file), file);
    for (const file of ['/p/.png', '/p/a.png.ai.json', '/p/frame.1001.exr', '/p/x.png/notes', '/p/png', '/p/a.pngx', '/p/a.'])
      assert.ok(!hasReadableProvenance(file), file);
  });

  it('tells media by extension exactly as the extension lower-cased and looked up would', () => {
    const byString = (file: string) => {
      const extension = path.posix.extname(file);
      return PROVENANCE_EXTENSIONS.has(extension) || PROVENANCE_EXTENSIONS.has(extension.toLowerCase());
    };
    // Extensions spelled from the listed ones' letters in either case, and characters that
    // lower-case to ASCII or to more than one character ("\u212A" is "k", "\u0130" is "i̇").
    const letters = [...new Set([...PROVENANCE_EXTENSIONS].join('').replace(/\./g, ''))];
    const character = fc.constantFrom(...letters, ...letters.map((c) => c.toUpperCase()), '\u212A', '\u0130', '\0', 'x', '.', '/');
    const name = fc.array(character, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, name, (stem, extension) => {
        const file = `/p/${stem}.${extension}`;
        assert.equal(hasReadableProvenance(file), byString(file), JSON.stringify(file));
      }),
      { seed: 20261205, numRuns: 5000 },
    );
    for (const file of ['/p/a.M\u212AV', '/p/a.\u212Am4v', '/p/a.mp4\0', '/p/a.\0mp4', '/p/a.Mp3'])
      assert.equal(hasReadableProvenance(file), byString(file), JSON.stringify(file));
  });

  it('tells generative source types from the others', async () => {
    const generative = async (name: string) => {
      const found = await read(name);
      return `${found?.digitalSourceType}:${found?.generative}`;
    };
    assert.equal(await generative('xmp-inpainted.jpg'), 'compositeWithTrainedAlgorithmicMedia:true');
    assert.equal(await generative('xmp-composite.png'), 'compositeSynthetic:true');
    assert.equal(await generative('xmp-camera.jpg'), 'digitalCapture:false');
    assert.equal(
      await generative('xmp-algorithmic.png'),
      'algorithmicMedia:false',
      'a pure algorithm with no training data is not generative AI',
    );
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
      assert.deepEqual(found.c2pa.actions, [
        { action: 'c2pa.created', digitalSourceType: 'trainedAlgorithmicMedia', softwareAgent: 'Imagen Studio 3.1' },
      ]);
      assert.equal(found.generative, true);
      assert.equal(found.digitalSourceType, undefined, 'no XMP in these');
      assert.deepEqual(toolFromProvenance(found), { name: 'Imagen Studio', version: '3.1' });
    }
  });

  it('finds generative AI in a later C2PA action, and not in a camera capture', async () => {
    const edited = await read('c2pa-edited.jpg');
    assert.deepEqual(
      edited?.c2pa?.actions.map((a) => `${a.action}:${a.digitalSourceType}`),
      ['c2pa.opened:digitalCapture', 'c2pa.edited:compositeWithTrainedAlgorithmicMedia'],
    );
    assert.equal(edited?.generative, true);
    assert.deepEqual(toolFromProvenance(edited), { name: 'Fill Studio', version: '2' });
    const camera = await read('c2pa-camera.jpg');
    assert.ok(camera?.c2pa);
    assert.equal(camera.generative, false);
  });

  it("reads the C2PA manifest c2pa-ts embeds in an MP3's ID3 tag, and XMP in ID3 as the XMP specification puts it", async () => {
    const signed = await read('c2pa-generated.mp3');
    assert.equal(signed?.format, 'mp3');
    assert.deepEqual(signed.c2pa?.actions, [
      { action: 'c2pa.created', digitalSourceType: 'trainedAlgorithmicMedia', softwareAgent: 'VoiceForge 2' },
    ]);
    assert.deepEqual(toolFromProvenance(signed), { name: 'VoiceForge', version: '2' });
    assert.equal(signed.generative, true);

    // ExifTool cannot write ID3: its XMP packet, and c2pa-ts's manifest store, in tags made here
    // (ID3v2.3 with an extended header, and v2.4), before the same audio, behind 200 KB of cover art.
    const fixture = readFileSync(`${FIXTURES}/c2pa-generated.mp3`);
    const audio = fixture.subarray(10 + synchsafe(fixture, 6));
    const tiff = readFileSync(`${FIXTURES}/xmp-generated.tif`);
    const packetStart = tiff.indexOf('<?xpacket begin');
    const packet = tiff.subarray(packetStart, tiff.indexOf('?>', tiff.indexOf('<?xpacket end', packetStart)) + 2);
    const store = pngChunks(readFileSync(`${FIXTURES}/c2pa-generated.png`)).find(([type]) => type === 'caBX')![1];
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0, 0])]);
    const cover = Buffer.concat([Buffer.from([0]), Buffer.from('image/png\0', 'latin1'), Buffer.from([3, 0]), noise(200_000, 6)]);
    const { dir, cleanup } = temporaryFolder();
    try {
      for (const version of [3, 4] as const) {
        const frames = [
          id3Frame('APIC', cover, version),
          id3Frame('PRIV', Buffer.concat([Buffer.from('XMP\0', 'latin1'), packet]), version),
          // UTF-16 file name and description, each ended by two zero bytes.
          id3Frame(
            'GEOB',
            Buffer.concat([
              Buffer.from([1]),
              Buffer.from('application/x-c2pa-manifest-store\0', 'latin1'),
              utf16('c2pa'),
              utf16('c2pa manifest store'),
              store,
            ]),
            version,
          ),
        ];
        writeFileSync(`${dir}/voice-${version}.mp3`, Buffer.concat([id3Tag(frames, version), audio]));
        const found = await readProvenance(nodeFileSystem, `${dir}/voice-${version}.mp3`);
        assert.equal(found?.aiSystem, 'Imagen Studio', `ID3v2.${version}: XMP`);
        assert.deepEqual(
          found.c2pa?.actions.map((a) => a.digitalSourceType),
          ['trainedAlgorithmicMedia'],
          `ID3v2.${version}: C2PA`,
        );
        assert.ok(found.bytesRead < 100_000, `ID3v2.${version}: the cover art was not read (${found.bytesRead} bytes)`);
      }
    } finally {
      cleanup();
    }
  });

  it('reads a C2PA manifest kept in a .c2pa sidecar file', async () => {
    const found = await read('c2pa-sidecar.png');
    assert.equal(found?.c2pa?.where, 'sidecar');
    assert.equal(found?.generative, true);
    assert.match(
      describeProvenance(found),
      /a C2PA sidecar manifest recording c2pa\.created \(trainedAlgorithmicMedia\); made with Imagen Studio 3\.1/,
    );
  });

  it('reads the XMP ImageMagick keeps in a PNG as a raw profile text chunk', async () => {
    const found = await read('xmp-imagemagick.png');
    assert.equal(found?.digitalSourceType, 'trainedAlgorithmicMedia');
    assert.equal(found.aiSystem, 'Imagen Studio');
    assert.equal(found.generative, true);
  });

  it('reads XMP from a compressed PNG text chunk, and not one that inflates past what a metadata chunk may hold', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const chunks = pngChunks(readFileSync(`${FIXTURES}/xmp-generated.png`));
      const at = chunks.findIndex(([type, data]) => type === 'iTXt' && data.toString('latin1').startsWith('XML:com.adobe.xmp\0'));
      const data = chunks[at][1];
      // Keyword, then compression flag and method, language and translated keyword (both empty here), then the text.
      const text = data.subarray(data.indexOf(0, data.indexOf(0, data.indexOf(0) + 3) + 1) + 1);
      const compressed = (body: Buffer): [string, Buffer] => [
        'iTXt',
        Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\x01\0\0\0', 'latin1'), deflateSync(body)]),
      ];
      const withChunk = (chunk: [string, Buffer]) => pngFile(chunks.map((original, i) => (i === at ? chunk : original)));
      writeFileSync(`${dir}/compressed.png`, withChunk(compressed(text)));
      assert.equal((await readProvenance(nodeFileSystem, `${dir}/compressed.png`))?.generative, true);
      // 17 MB of spaces before the packet: a few kilobytes compressed.
      const bomb = compressed(Buffer.concat([Buffer.alloc(17 * 1024 * 1024, 0x20), text]));
      assert.ok(bomb[1].length < 64 * 1024);
      writeFileSync(`${dir}/bomb.png`, withChunk(bomb));
      assert.equal((await readProvenance(nodeFileSystem, `${dir}/bomb.png`))?.generative, false);
      writeFileSync(`${dir}/damaged.png`, withChunk(['iTXt', compressed(text)[1].subarray(0, 40)]));
      assert.equal((await readProvenance(nodeFileSystem, `${dir}/damaged.png`))?.generative, false);
    } finally {
      cleanup();
    }
  });

  it("finds the metadata past the first read: after a PNG's image data, between a TIFF's pages, in a movie box at the end, after a JPEG's large segments", async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      // A 200x200 picture of noise (its data does not compress: 14 image data chunks of 8 KB, as
      // libpng writes them), with the tools' own metadata chunks after the image data, where the
      // PNG format allows them and some writers put them.
      const pixels = deflateSync(
        Buffer.concat(Array.from({ length: 200 }, (_, row) => Buffer.concat([Buffer.from([0]), noise(600, row)]))),
      );
      const header = Buffer.alloc(13);
      header.writeUInt32BE(200, 0);
      header.writeUInt32BE(200, 4);
      header.set([8, 2, 0, 0, 0], 8);
      for (const name of ['xmp-generated.png', 'xmp-imagemagick.png', 'c2pa-generated.png']) {
        const metadata = pngChunks(readFileSync(`${FIXTURES}/${name}`)).filter(([type]) => ['iTXt', 'zTXt', 'tEXt', 'caBX'].includes(type));
        assert.ok(metadata.length > 0, name);
        const imageData = Array.from({ length: Math.ceil(pixels.length / 8192) }, (_, i): [string, Buffer] => [
          'IDAT',
          pixels.subarray(i * 8192, (i + 1) * 8192),
        ]);
        writeFileSync(`${dir}/late-${name}`, pngFile([['IHDR', header], ...imageData, ...metadata, ['IEND', Buffer.alloc(0)]]));
        const found = await readProvenance(nodeFileSystem, `${dir}/late-${name}`);
        assert.equal(found?.generative, true, name);
        assert.ok(found.bytesRead > HEAD_BYTES, `${name}: the metadata lies past the first ${HEAD_BYTES} bytes`);
      }
      // Image data in more chunks than a reader might walk in a hurry (libpng writes 8 KB chunks: 80 MB here).
      const metadata = pngChunks(readFileSync(`${FIXTURES}/xmp-generated.png`)).filter(([type]) => type === 'iTXt');
      const manyChunks = Array.from({ length: Math.ceil(pixels.length / 10) }, (_, i): [string, Buffer] => [
        'IDAT',
        pixels.subarray(i * 10, (i + 1) * 10),
      ]);
      assert.ok(manyChunks.length > 10_000);
      writeFileSync(`${dir}/many-chunks.png`, pngFile([['IHDR', header], ...manyChunks, ...metadata, ['IEND', Buffer.alloc(0)]]));
      // Walked through one open of the file, closed at the end.
      const calls = { opened: 0, reads: 0, closed: 0 };
      const counting: FileSystem = {
        ...nodeFileSystem,
        async openForReading(file) {
          calls.opened++;
          const reader = await nodeFileSystem.openForReading(file);
          return { read: (offset, length) => (calls.reads++, reader.read(offset, length)), close: () => (calls.closed++, reader.close()) };
        },
      };
      assert.equal(
        (await readProvenance(counting, `${dir}/many-chunks.png`))?.generative,
        true,
        `XMP after ${manyChunks.length} image data chunks`,
      );
      assert.deepEqual({ ...calls, reads: calls.reads > 5_000 }, { opened: 1, reads: true, closed: 1 });
      // TIFFs whose XMP (ExifTool's packet) lies between pages.
      const tiff = readFileSync(`${FIXTURES}/xmp-generated.tif`);
      const packetStart = tiff.indexOf('<?xpacket begin');
      const packet = tiff.subarray(packetStart, tiff.indexOf('?>', tiff.indexOf('<?xpacket end', packetStart)) + 2);
      // And one whose C2PA manifest store (c2pa-ts's, from the PNG fixture) does, under the tag C2PA gives TIFF.
      const store = pngChunks(readFileSync(`${FIXTURES}/c2pa-generated.png`)).find(([type]) => type === 'caBX')![1];
      for (const big of [false, true]) {
        const name = big ? 'between-pages-big.tif' : 'between-pages.tif';
        writeFileSync(`${dir}/${name}`, tiffWithTagBetween(700, packet, big));
        const found = await readProvenance(nodeFileSystem, `${dir}/${name}`);
        assert.equal(found?.format, 'tiff', name);
        assert.equal(found.aiSystem, 'Imagen Studio', name);
        assert.equal(found.generative, true, name);
        writeFileSync(`${dir}/signed-${name}`, tiffWithTagBetween(52545, store, big));
        const signed = await readProvenance(nodeFileSystem, `${dir}/signed-${name}`);
        assert.deepEqual(
          signed?.c2pa?.actions.map((a) => a.digitalSourceType),
          ['trainedAlgorithmicMedia'],
          `signed-${name}`,
        );
      }
      // A QuickTime movie written as encoders often write it: the movie box (with ExifTool's
      // moov/udta/XMP_) after 200 KB more of media data.
      const movie = readFileSync(`${FIXTURES}/xmp-generated.mov`);
      const boxes = new Map<string, Buffer>();
      for (let at = 0; at + 8 <= movie.length; at += movie.readUInt32BE(at))
        boxes.set(movie.toString('latin1', at + 4, at + 8), movie.subarray(at, at + movie.readUInt32BE(at)));
      const mediaData = Buffer.concat([boxes.get('mdat')!, noise(200_000, 5)]);
      mediaData.writeUInt32BE(mediaData.length, 0);
      writeFileSync(`${dir}/movie-last.mov`, Buffer.concat([boxes.get('ftyp')!, mediaData, boxes.get('moov')!]));
      const movieLast = await readProvenance(nodeFileSystem, `${dir}/movie-last.mov`);
      assert.equal(movieLast?.format, 'bmff');
      assert.equal(movieLast.aiSystem, 'Imagen Studio', 'XMP in a movie box at the end');
      // A JPEG whose XMP comes after a 64 KB comment segment.
      const jpeg = readFileSync(`${FIXTURES}/xmp-generated.jpg`);
      const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), noise(0xffff - 2, 1)]);
      writeFileSync(`${dir}/late-xmp.jpg`, Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]));
      const found = await readProvenance(nodeFileSystem, `${dir}/late-xmp.jpg`);
      assert.equal(found?.digitalSourceType, 'trainedAlgorithmicMedia');
      assert.equal(found.aiSystem, 'Imagen Studio');
    } finally {
      cleanup();
    }
  });

  it('reads an XMP sidecar beside a file whose own metadata says nothing, under either naming', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      for (const [medium, sidecar] of [
        ['retouched.png', 'retouched.xmp'],
        ['cleanup.png', 'cleanup.png.xmp'],
      ]) {
        copyFileSync(`${FIXTURES}/plain.png`, `${dir}/${medium}`);
        copyFileSync(`${FIXTURES}/xmp-sidecar.xmp`, `${dir}/${sidecar}`);
        const found = await readProvenance(nodeFileSystem, `${dir}/${medium}`);
        assert.equal(found?.digitalSourceType, 'compositeWithTrainedAlgorithmicMedia', sidecar);
        assert.equal(found.xmpIn, 'sidecar');
        assert.equal(found.generative, true);
        assert.match(
          describeProvenance(found),
          /^an XMP sidecar's digital source type "compositeWithTrainedAlgorithmicMedia"; made with Fill Studio 2$/,
        );
      }
      // A file's own XMP comes first.
      copyFileSync(`${FIXTURES}/xmp-camera.jpg`, `${dir}/still.jpg`);
      copyFileSync(`${FIXTURES}/xmp-sidecar.xmp`, `${dir}/still.xmp`);
      const own = await readProvenance(nodeFileSystem, `${dir}/still.jpg`);
      assert.deepEqual([own?.digitalSourceType, own?.xmpIn, own?.generative], ['digitalCapture', 'embedded', false]);
    } finally {
      cleanup();
    }
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
      // Damaged: a PNG cut before its end, then nothing but zeros. The chunk walk stops at the
      // first chunk that is not one, rather than stepping through the zeros 12 bytes at a time.
      const damaged = `${dir}/damaged.png`;
      const bytes = readFileSync(`${FIXTURES}/xmp-generated.png`);
      writeFileSync(damaged, bytes.subarray(0, bytes.length - 12));
      const handle = openSync(damaged, 'r+');
      ftruncateSync(handle, 2 * 1024 ** 3);
      closeSync(handle);
      const found = await readProvenance(nodeFileSystem, damaged);
      assert.equal(found?.generative, true, 'its XMP came before the damage');
      assert.ok(found.bytesRead <= HEAD_BYTES + 1024, `damaged.png: read ${found.bytesRead} bytes`);
    } finally {
      cleanup();
    }
  });

  it('never throws on damaged or hostile files, and finds no marker in them', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const samples: [string, Uint8Array][] = [];
      for (const name of [
        'c2pa-generated.jpg',
        'c2pa-generated.png',
        'xmp-generated.jpg',
        'xmp-generated.png',
        'xmp-imagemagick.png',
        'xmp-generated.tif',
        'xmp-generated.mov',
        'c2pa-generated.mp3',
        'xmp-generated.mp4',
        'xmp-generated.wav',
        'xmp-generated.pdf',
      ]) {
        const bytes = readFileSync(`${FIXTURES}/${name}`);
        for (const cut of [3, 11, 40, 200, Math.floor(bytes.length / 2), bytes.length - 5])
          samples.push([`cut-${cut}-${name}`, bytes.subarray(0, cut)]);
        // Every length field claiming 4 GiB.
        const huge = Buffer.from(bytes);
        for (let at = 8; at + 4 < huge.length; at += 97) huge.writeUInt32BE(0xffffffff, at);
        samples.push([`huge-${name}`, huge]);
      }
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let i = 0; i < 50; i++)
        samples.push([`noise-${i}.jpg`, Uint8Array.from({ length: 1 + Math.floor(random() * 4096) }, () => Math.floor(random() * 256))]);
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

describe('provenance known in a live production', () => {
  it('reads each medium once until it changes, or a C2PA or XMP file beside it does, and says which could not be read', async () => {
    const generative: Provenance = { format: 'png', digitalSourceType: 'trainedAlgorithmicMedia', generative: true, bytesRead: 0 };
    const read: string[] = [];
    const reader = async (file: string) => {
      read.push(file);
      if (file.endsWith('locked.png')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
      return file.includes('made') ? generative : undefined;
    };
    const known = new KnownProvenance();
    const candidates = ['/p/z-locked.png', '/p/made.png', '/p/also-made.png', '/p/plain.png', '/p/a-locked.png'];
    const first = await known.check(candidates, reader);
    assert.deepEqual(
      first.findings.map((f) => [f.file, f.rule]),
      [
        ['/p/made.png', 'undeclared-ai-asset'],
        ['/p/also-made.png', 'undeclared-ai-asset'],
      ],
    );
    assert.deepEqual(first.unreadable, ['/p/a-locked.png', '/p/z-locked.png'], 'unreadable, in order, and not taken for unmarked');
    assert.equal(read.length, 5);

    read.length = 0;
    assert.deepEqual(await known.check(candidates, reader), first, 'the same answer');
    assert.deepEqual(read, [], 'and nothing read again');

    known.forget('/p/plain.png');
    known.forget('/p/made.xmp');
    await known.check(candidates, reader);
    assert.deepEqual(read.sort(), ['/p/made.png', '/p/plain.png'], 'the changed file, and the medium the XMP file describes');
  });
});

describe('provenance kept in the media cache between checks', () => {
  it('reads a medium again only when it changed, or when a C2PA manifest or XMP file lies beside it', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const folder = dir.split(path.sep).join('/');
      for (const [fixture, name] of [
        ['xmp-generated.png', 'made.png'],
        ['plain.png', 'camera.png'],
        ['c2pa-sidecar.png', 'signed.png'],
        ['c2pa-sidecar.c2pa', 'signed.c2pa'],
        ['plain.png', 'tagged.png'],
        ['xmp-sidecar.xmp', 'tagged.xmp'],
      ])
        copyFileSync(`${FIXTURES}/${fixture}`, `${folder}/${name}`);
      const files = ['camera.png', 'made.png', 'signed.c2pa', 'signed.png', 'tagged.png', 'tagged.xmp'].map((name) => `${folder}/${name}`);
      const media = files.filter((file) => file.endsWith('.png'));
      const opened: string[] = [];
      const readWhole: string[] = [];
      const counting: FileSystem = {
        ...nodeFileSystem,
        openForReading: (file) => (opened.push(path.posix.basename(file)), nodeFileSystem.openForReading(file)),
        readFile: (file, maxBytes) => (readWhole.push(path.posix.basename(file)), nodeFileSystem.readFile(file, maxBytes)),
      };
      const check = async (cache: MediaCache) => {
        opened.length = 0;
        const read = provenanceThrough(counting, cache, files);
        return Promise.all(media.map(read));
      };

      const cacheFile = `${folder}/cache.json`;
      const first = await MediaCache.load(nodeFileSystem, cacheFile);
      const found = await check(first);
      assert.deepEqual(
        found.map((p) => p?.generative),
        [undefined, true, true, true],
        'the camera still has no marker; the others say generative AI',
      );
      assert.deepEqual([...new Set(opened)].sort(), ['camera.png', 'made.png', 'signed.png', 'tagged.png']);
      assert.deepEqual(readWhole.sort(), ['signed.c2pa', 'tagged.xmp'], 'only the files the walk found beside media are looked for');
      await first.save(nodeFileSystem, cacheFile);

      const next = await MediaCache.load(nodeFileSystem, cacheFile);
      assert.deepEqual(await check(next), found, 'the same answers from the cache');
      assert.deepEqual(
        [...new Set(opened)].sort(),
        ['signed.png', 'tagged.png'],
        'only the media with a manifest or XMP file beside them were read again',
      );

      writeFileSync(`${folder}/camera.png`, Buffer.concat([readFileSync(`${folder}/camera.png`), Buffer.from('more')]));
      await check(next);
      assert.deepEqual([...new Set(opened)].sort(), ['camera.png', 'signed.png', 'tagged.png'], 'a medium that changed is read again');
    } finally {
      cleanup();
    }
  });

  it('does not trust what an earlier edition of the reader found: it may have missed a marker', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const made = `${dir}/made.png`;
      copyFileSync(`${FIXTURES}/xmp-imagemagick.png`, made);
      const { size, mtimeMs } = statSync(made);
      // The first edition read ImageMagick's XMP chunk as no marker at all, and kept that.
      const cacheFile = `${dir}/cache.jsonl`;
      writeFileSync(cacheFile, `{"aiDisclosureMediaCache":1}\n${JSON.stringify(['provenance', made, size, mtimeMs, null])}\n`);
      const cache = await MediaCache.load(nodeFileSystem, cacheFile);
      const found = await provenanceThrough(nodeFileSystem, cache, [made])(made);
      assert.equal(found?.generative, true, 'read again, and found');
      await cache.save(nodeFileSystem, cacheFile);
      const kept = cachedFacts(readFileSync(cacheFile, 'utf8'));
      assert.equal(kept.provenance[made]?.[2]?.generative, true, 'kept under this edition; the earlier line is gone');
    } finally {
      cleanup();
    }
  });
});
