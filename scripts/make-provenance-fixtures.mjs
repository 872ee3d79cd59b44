#!/usr/bin/env node
/**
 * Writes the real-format files the provenance tests read (test/fixtures/provenance), with
 * well-known tools rather than our own code, so the reader is tested against what others write:
 * ImageMagick, ffmpeg and libheif make the media; ExifTool embeds the XMP (IPTC digital source
 * type and the IPTC 2025.1 AI fields); c2pa-ts (a C2PA implementation) embeds signed manifests.
 *
 * Needs the Debian packages imagemagick, ffmpeg, libheif-examples and libimage-exiftool-perl.
 * The files are committed; run this only to change them: node scripts/make-provenance-fixtures.mjs
 */
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as x509 from '@peculiar/x509';
import { JPEG, MP3, PNG } from '@trustnxt/c2pa-ts/asset';
import { LocalSigner } from '@trustnxt/c2pa-ts/cose';
import { ActionAssertion, DataHashAssertion, ManifestStore } from '@trustnxt/c2pa-ts/manifest';

const OUT = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'provenance');
const work = mkdtempSync(path.join(tmpdir(), 'provenance-'));
const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const run = (command, ...args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const tmp = (name) => path.join(work, name);

// ExifTool 12.57 (Debian 12) predates IPTC 2025.1: declare its AI fields in the Iptc4xmpExt namespace.
const exiftoolConfig = tmp('iptc-2025.config');
writeFileSync(
  exiftoolConfig,
  `%Image::ExifTool::UserDefined = (
  'Image::ExifTool::XMP::iptcExt' => {
    AISystemUsed => { },
    AISystemVersionUsed => { },
    AIPromptInformation => { },
    AIPromptWriterName => { },
  },
);
1;
`,
);

/** ExifTool's arguments for the IPTC digital source type and AI fields. */
function xmpTags(sourceType, ai = {}) {
  const tags = [`-XMP-iptcExt:DigitalSourceType=${DST}${sourceType}`];
  if (ai.system) tags.push(`-XMP-iptcExt:AISystemUsed=${ai.system}`);
  if (ai.version) tags.push(`-XMP-iptcExt:AISystemVersionUsed=${ai.version}`);
  if (ai.prompt) tags.push(`-XMP-iptcExt:AIPromptInformation=${ai.prompt}`);
  return tags;
}

function embedXmp(file, sourceType, ai = {}) {
  const tags = xmpTags(sourceType, ai);
  if (file.endsWith('.wav')) return embedXmpInWave(file, tags);
  run('exiftool', '-config', exiftoolConfig, '-q', '-overwrite_original', ...tags, file);
}

/**
 * ExifTool cannot write WAVE files: it writes the XMP packet, and the packet goes into the file as
 * the RIFF "_PMX" chunk the XMP specification (part 3) defines for WAV, with the RIFF size updated.
 */
function embedXmpInWave(file, tags) {
  const packet = tmp('wave.xmp');
  rmSync(packet, { force: true });
  run('exiftool', '-config', exiftoolConfig, '-q', ...tags, '-o', packet);
  const xmp = readFileSync(packet);
  const wave = readFileSync(file);
  const header = Buffer.alloc(8);
  header.write('_PMX', 0, 'latin1');
  header.writeUInt32LE(xmp.length, 4);
  const chunk = Buffer.concat([header, xmp, Buffer.alloc(xmp.length % 2)]);
  const out = Buffer.concat([wave, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  writeFileSync(file, out);
}

// Media made by the usual tools: a 16x16 picture, a tenth of a second of video and sound.
const image = tmp('base.png');
run(
  'convert',
  '-size',
  '16x16',
  'gradient:steelblue-white',
  '+set',
  'date:create',
  '+set',
  'date:modify',
  '-define',
  'png:exclude-chunks=date,time',
  image,
);
const media = {
  jpg: () => run('convert', image, tmp('base.jpg')),
  png: () => run('convert', image, '-define', 'png:exclude-chunks=date,time', tmp('base.png2.png')),
  tif: () => run('convert', image, tmp('base.tif')),
  webp: () => run('convert', image, tmp('base.webp')),
  pdf: () => writeFileSync(tmp('base.pdf'), onePagePdf()),
  heic: () => run('heif-enc', '-q', '50', '-o', tmp('base.heic'), image),
  mp4: () =>
    run(
      'ffmpeg',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=steelblue:s=16x16:d=0.1',
      '-fflags',
      '+bitexact',
      '-y',
      tmp('base.mp4'),
    ),
  mov: () =>
    run(
      'ffmpeg',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=steelblue:s=16x16:d=0.1',
      '-fflags',
      '+bitexact',
      '-y',
      tmp('base.mov'),
    ),
  wav: () =>
    run(
      'ffmpeg',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=0.1',
      '-fflags',
      '+bitexact',
      '-y',
      tmp('base.wav'),
    ),
};
// MP3 (ExifTool cannot write its ID3 tag): only signed with C2PA below.
run(
  'ffmpeg',
  '-loglevel',
  'error',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=440:duration=0.1',
  '-c:a',
  'libmp3lame',
  '-fflags',
  '+bitexact',
  '-y',
  tmp('base.mp3'),
);
/** ImageMagick's policy on Debian refuses to write PDF: a one-page PDF, its cross-reference table counted out. */
function onePagePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}
const base = (ext) => (ext === 'png' ? tmp('base.png2.png') : tmp(`base.${ext}`));
for (const make of Object.values(media)) make();

const copy = (ext, name) => {
  const target = path.join(OUT, name);
  writeFileSync(target, readFileSync(base(ext)));
  return target;
};

const imagen = { system: 'Imagen Studio', version: '3.1', prompt: 'storm clouds over a harbour wall at dawn' };
for (const ext of Object.keys(media)) embedXmp(copy(ext, `xmp-generated.${ext}`), 'trainedAlgorithmicMedia', imagen);
embedXmp(copy('jpg', 'xmp-inpainted.jpg'), 'compositeWithTrainedAlgorithmicMedia', { system: 'Fill Studio' });
embedXmp(copy('png', 'xmp-composite.png'), 'compositeSynthetic');
embedXmp(copy('jpg', 'xmp-camera.jpg'), 'digitalCapture');
embedXmp(copy('png', 'xmp-algorithmic.png'), 'algorithmicMedia');
// ImageMagick keeps an XMP profile as a "Raw profile type xmp" text chunk (the packet in hex,
// compressed), not the iTXt chunk the XMP specification names.
const imagenPacket = tmp('imagen.xmp');
run('exiftool', '-config', exiftoolConfig, '-q', ...xmpTags('trainedAlgorithmicMedia', imagen), '-o', imagenPacket);
run('convert', base('png'), '-profile', imagenPacket, '-define', 'png:exclude-chunks=date,time', path.join(OUT, 'xmp-imagemagick.png'));
// An XMP sidecar file, as raw-photo workflows keep one beside an image they do not write into.
run(
  'exiftool',
  '-config',
  exiftoolConfig,
  '-q',
  ...xmpTags('compositeWithTrainedAlgorithmicMedia', { system: 'Fill Studio', version: '2' }),
  '-o',
  path.join(OUT, 'xmp-sidecar.xmp'),
);
copy('png', 'plain.png');
copy('jpg', 'plain.jpg');
copy('wav', 'plain.wav');

// C2PA: a throwaway self-signed signer; the reader looks at what a manifest says, not who signed it.
x509.cryptoProvider.set(webcrypto);
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
const certificate = await x509.X509CertificateGenerator.createSelfSigned({
  serialNumber: '01',
  name: 'CN=AI Disclosure test fixtures',
  notBefore: new Date('2026-01-01'),
  notAfter: new Date('2036-01-01'),
  keys,
  signingAlgorithm: algorithm,
  extensions: [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.4']),
  ],
});
const signer = new LocalSigner(new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), -7, certificate);

async function withManifest(ext, name, actions, { sidecarOnly = false } = {}) {
  const [Asset, assetFormat] = { jpg: [JPEG, 'image/jpeg'], png: [PNG, 'image/png'], mp3: [MP3, 'audio/mpeg'] }[ext];
  const asset = new Asset(readFileSync(base(ext)));
  const store = new ManifestStore();
  const manifest = store.createManifest({ assetFormat, instanceID: `xmp.iid:${name}`, defaultHashAlgorithm: 'SHA-256', signer });
  const assertion = new ActionAssertion();
  assertion.label = 'c2pa.actions.v2';
  assertion.actions = actions;
  manifest.addAssertion(assertion);
  const hash = DataHashAssertion.create('SHA-256');
  manifest.addAssertion(hash);
  await asset.ensureManifestSpace(store.measureSize());
  await hash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  if (sidecarOnly) {
    // The manifest store as a sidecar next to an untouched file (C2PA "external manifest").
    writeFileSync(path.join(OUT, name), readFileSync(base(ext)));
    writeFileSync(path.join(OUT, name.replace(/\.[^.]+$/, '.c2pa')), store.getBytes());
  } else {
    writeFileSync(path.join(OUT, name), await asset.getDataRange());
  }
}

const agent = { name: 'Imagen Studio', version: '3.1' };
await withManifest('jpg', 'c2pa-generated.jpg', [
  { action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia`, softwareAgent: agent },
]);
await withManifest('png', 'c2pa-generated.png', [
  { action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia`, softwareAgent: agent },
]);
await withManifest('jpg', 'c2pa-edited.jpg', [
  { action: 'c2pa.opened', digitalSourceType: `${DST}digitalCapture` },
  {
    action: 'c2pa.edited',
    digitalSourceType: `${DST}compositeWithTrainedAlgorithmicMedia`,
    softwareAgent: { name: 'Fill Studio', version: '2' },
  },
]);
await withManifest('jpg', 'c2pa-camera.jpg', [
  { action: 'c2pa.created', digitalSourceType: `${DST}digitalCapture`, softwareAgent: { name: 'Harbour Cam', version: '1.0' } },
]);
// A voice generated by an AI tool, as its MP3 download would carry the manifest (an ID3 GEOB frame).
await withManifest('mp3', 'c2pa-generated.mp3', [
  { action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia`, softwareAgent: { name: 'VoiceForge', version: '2' } },
]);
await withManifest(
  'png',
  'c2pa-sidecar.png',
  [{ action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia`, softwareAgent: agent }],
  { sidecarOnly: true },
);

rmSync(work, { recursive: true, force: true });
console.log(`Wrote the provenance fixtures to ${path.relative(process.cwd(), OUT)}.`);
