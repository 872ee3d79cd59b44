import { posixPath } from '../posixPath';
import type * as Exifr from 'exifr';
import { FileSystem, FileTooLargeError, readFileIfPresent } from '../fs/fileSystem';
import { ByteSource } from './byteSource';
import { C2paManifest, readManifestStore, sourceTypeTerm } from './c2pa';
import { detectFormat, EmbeddedMetadata, findEmbedded, MediaFormat } from './containers';
import { scanForManifestStore, scanForXmp } from './packets';

/**
 * IPTC digital source types that mean generative AI made or changed the content (IPTC NewsCodes, digitalsourcetype vocabulary):
 * created with it, edited with it (inpainting, outpainting), or a composite including its output.
 */
export const GENERATIVE_SOURCE_TYPES: ReadonlySet<string> = new Set([
  'trainedAlgorithmicMedia',
  'compositeWithTrainedAlgorithmicMedia',
  'compositeSynthetic',
]);

/**
 * The reader's edition, raised whenever it comes to find markers an earlier one missed: what an
 * earlier reader found ("no marker" above all) is not trusted from the media cache, and the media
 * are read again. 2: XMP after a PNG's image data, in ImageMagick's raw profile chunk, and past
 * the first read of a JPEG. 3: a TIFF's XMP and C2PA wherever its first directory points. 4: a
 * QuickTime movie's XMP wherever its movie box is.
 */
export const PROVENANCE_READER_EDITION = 4;

/** File types whose provenance is read (images, audio, video, PDF). */
export const PROVENANCE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.tif',
  '.tiff',
  '.webp',
  '.heic',
  '.heif',
  '.avif',
  '.mp4',
  '.mov',
  '.m4v',
  '.m4a',
  '.wav',
  '.mp3',
  '.pdf',
]);

/** The longest of them, dot included: a file whose last dot is further from its end is none of them. */
const LONGEST_PROVENANCE_EXTENSION = Math.max(...[...PROVENANCE_EXTENSIONS].map((extension) => extension.length));

/** Does the file's extension (as `path.extname` reads it) name a type whose provenance is read? */
export function hasReadableProvenance(file: string): boolean {
  // Asked of every file of a production: only its last few characters are read, and no string is made.
  for (let dot = file.length - 1; dot > 0 && dot >= file.length - LONGEST_PROVENANCE_EXTENSION; dot--) {
    const code = file.charCodeAt(dot);
    if (code === SLASH) return false;
    if (code === DOT) return file.charCodeAt(dot - 1) !== SLASH && isProvenanceExtension(file, dot);
  }
  return false;
}

const DOT = 0x2e;
const SLASH = 0x2f;

function isProvenanceExtension(file: string, dot: number): boolean {
  const key = extensionKey(file, dot);
  if (key >= 0) return PROVENANCE_EXTENSION_KEYS.has(key);
  // Beyond ASCII, lower-casing can change the length or give ASCII ("\u212A" is "k"): as strings.
  const extension = file.slice(dot);
  return PROVENANCE_EXTENSIONS.has(extension) || PROVENANCE_EXTENSIONS.has(extension.toLowerCase());
}

/**
 * The characters after `dot`, lower-cased, as one number (seven bits each): equal for two short
 * ASCII extensions exactly when their lower-case strings are. -1 for any other character.
 */
function extensionKey(file: string, dot: number): number {
  let key = 0;
  for (let i = file.length - 1; i > dot; i--) {
    const code = file.charCodeAt(i);
    if (code === 0 || code > 0x7f) return -1;
    key = key * 128 + (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
  }
  return key;
}

const PROVENANCE_EXTENSION_KEYS: ReadonlySet<number> = new Set([...PROVENANCE_EXTENSIONS].map((extension) => extensionKey(extension, 0)));

/** What a file's embedded metadata says about how it was made. */
export interface Provenance {
  format: MediaFormat;
  /** The XMP `Iptc4xmpExt:DigitalSourceType` term, e.g. `trainedAlgorithmicMedia`. */
  digitalSourceType?: string;
  /** IPTC 2025.1 AI fields. */
  aiSystem?: string;
  aiSystemVersion?: string;
  aiPrompt?: string;
  /** Where the XMP with these fields is, when there are any: in the file, or in an `.xmp` file beside it. */
  xmpIn?: 'embedded' | 'sidecar';
  /** A C2PA manifest store, embedded or in a `.c2pa` sidecar file. */
  c2pa?: C2paManifest & { where: 'embedded' | 'sidecar' };
  /** True when the XMP source type or any C2PA action's source type is generative. */
  generative: boolean;
  /** Bytes read to find all this (never the whole of a large file). */
  bytesRead: number;
}

/** How much of a file's end is scanned, for formats that append metadata (PDF updates, TIFF). */
const TAIL_BYTES = 64 * 1024;

/**
 * Reads a file's provenance markers without external programs, from its headers: the container's
 * own metadata places for XMP and C2PA (JPEG segments, PNG chunks, the first TIFF directory, ISO
 * boxes, RIFF chunks, MP3's ID3 frames), else a packet scan of the head and tail (HEIF, PDF,
 * unknown containers); then, when the file has none of its own, an XMP or C2PA file beside it.
 * `exists`: which files are there, when the caller knows from a walk (else every place beside the
 * file is tried). Never throws for bad content: a file it cannot make sense of simply has no markers.
 */
export async function readProvenance(fs: FileSystem, file: string, exists?: (path: string) => boolean): Promise<Provenance | undefined> {
  const stat = await fs.stat(file);
  if (!stat || stat.type !== 'file' || stat.size === 0) return undefined;
  const source = new ByteSource(fs, file, stat.size);
  const { head, format, embedded, tail } = await metadataPlaces(source).finally(() => source.close());

  // The container's own XMP place, else a packet found by scanning the head, then the tail.
  const embeddedXmp = (await xmpFields(embedded.xmp ?? scanForXmp(head))) ?? (await xmpFields(scanForXmp(tail)));
  let xmp: (XmpFields & Pick<Provenance, 'xmpIn'>) | undefined = embeddedXmp && { ...embeddedXmp, xmpIn: 'embedded' };
  if (!xmp) {
    const external = await sidecarXmp(fs, file, exists);
    if (external) {
      source.bytesRead += external.bytes;
      xmp = { ...external.fields, xmpIn: 'sidecar' };
    }
  }
  let c2pa: Provenance['c2pa'];
  const store = embedded.c2pa ?? scanForManifestStore(head) ?? scanForManifestStore(tail);
  const manifest = store && (await readManifestStore(store).catch(() => undefined));
  if (manifest) c2pa = { ...manifest, where: 'embedded' };
  else {
    const external = await sidecarManifest(fs, file, exists);
    if (external) {
      source.bytesRead += external.bytes;
      c2pa = { ...external.manifest, where: 'sidecar' };
    }
  }
  const sourceTypes = [xmp?.digitalSourceType, ...(c2pa?.actions.map((a) => a.digitalSourceType) ?? [])];
  return {
    format,
    ...xmp,
    ...(c2pa ? { c2pa } : {}),
    generative: sourceTypes.some((type) => type !== undefined && GENERATIVE_SOURCE_TYPES.has(type)),
    bytesRead: source.bytesRead,
  };
}

/** The file's head, its format, the metadata its container keeps, and its tail where formats append metadata. */
async function metadataPlaces(source: ByteSource) {
  const head = await source.headBytes();
  const format = detectFormat(head);
  const embedded: EmbeddedMetadata = await findEmbedded(source, format).catch(() => ({}));
  const tail = format === 'pdf' || format === 'tiff' || format === 'unknown' ? await source.tailBytes(TAIL_BYTES) : new Uint8Array(0);
  return { head, format, embedded, tail };
}

/** Loaded on first use: activation and checks of productions without media do not pay for it. */
let exifr: Promise<typeof Exifr> | undefined;
const loadExifr = (): Promise<typeof Exifr> => (exifr ??= import('exifr'));

type XmpFields = Pick<Provenance, 'digitalSourceType' | 'aiSystem' | 'aiSystemVersion' | 'aiPrompt'>;

const EXIFR_OPTIONS = {
  tiff: false,
  xmp: true,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  mergeOutput: false,
  reviveValues: false,
};

/** The IPTC fields of an XMP packet (exifr parses the packet; the containers' walks find it). */
async function xmpFields(packet: Uint8Array | undefined): Promise<XmpFields | undefined> {
  if (!packet) return undefined;
  const parsed = await loadExifr()
    .then((reader) => reader.sidecar(packet, EXIFR_OPTIONS, 'xmp'))
    .catch(() => undefined);
  const iptc = (parsed as { Iptc4xmpExt?: Record<string, unknown> } | undefined)?.Iptc4xmpExt;
  if (!iptc) return undefined;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined);
  const sourceType = text(iptc.DigitalSourceType);
  const fields: XmpFields = {
    ...(sourceType ? { digitalSourceType: sourceTypeTerm(sourceType) } : {}),
    ...(text(iptc.AISystemUsed) ? { aiSystem: text(iptc.AISystemUsed) } : {}),
    ...(text(iptc.AISystemVersionUsed) ? { aiSystemVersion: text(iptc.AISystemVersionUsed) } : {}),
    ...(text(iptc.AIPromptInformation) ? { aiPrompt: text(iptc.AIPromptInformation) } : {}),
  };
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** A manifest store with thumbnails is a few hundred kilobytes; a larger "manifest" is not read. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Where a medium's provenance may be kept beside it, as `<stem>.<kind>` or `<file>.<kind>`: a C2PA
 * manifest (`photo.c2pa` is the specification's naming) and XMP (`photo.xmp` is Lightroom's).
 */
function pathsBeside(file: string, kind: 'c2pa' | 'xmp'): [string, string] {
  const extension = posixPath.extname(file);
  return [`${file.slice(0, file.length - extension.length)}.${kind}`, `${file}.${kind}`];
}

/** Every file beside a medium that can say where it came from (a check reads these with it). */
export function provenanceFilesBeside(file: string): string[] {
  return [...pathsBeside(file, 'c2pa'), ...pathsBeside(file, 'xmp')];
}

/** For a C2PA or XMP sidecar file: how the names of the media it can describe start (else `undefined`). */
export function provenanceSidecarStem(file: string): string | undefined {
  const match = /\.(c2pa|xmp)$/i.exec(file);
  return match ? file.slice(0, match.index) : undefined;
}

/** The first of a medium's sidecars of `kind` that reads as `parse` says, and its size. */
async function firstSidecar<T>(
  fs: FileSystem,
  file: string,
  kind: 'c2pa' | 'xmp',
  parse: (bytes: Uint8Array) => Promise<T | undefined> | T | undefined,
  exists?: (path: string) => boolean,
): Promise<{ found: T; bytes: number } | undefined> {
  for (const candidate of pathsBeside(file, kind)) {
    if (exists && !exists(candidate)) continue;
    const bytes = await readFileIfPresent(fs, candidate, MAX_MANIFEST_BYTES).catch((error: unknown) => {
      if (error instanceof FileTooLargeError) return undefined;
      throw error;
    });
    const found = bytes && (await parse(bytes));
    if (bytes && found) return { found, bytes: bytes.length };
  }
  return undefined;
}

async function sidecarManifest(
  fs: FileSystem,
  file: string,
  exists?: (path: string) => boolean,
): Promise<{ manifest: C2paManifest; bytes: number } | undefined> {
  const read = await firstSidecar(fs, file, 'c2pa', (bytes) => readManifestStore(bytes).catch(() => undefined), exists);
  return read && { manifest: read.found, bytes: read.bytes };
}

/** IPTC fields from an XMP sidecar (`photo.xmp` or `photo.jpg.xmp`), for a medium whose own metadata has none. */
async function sidecarXmp(
  fs: FileSystem,
  file: string,
  exists?: (path: string) => boolean,
): Promise<{ fields: XmpFields; bytes: number } | undefined> {
  const read = await firstSidecar(fs, file, 'xmp', xmpFields, exists);
  return read && { fields: read.found, bytes: read.bytes };
}

/** The tool a file's metadata names, for pre-filling a tag: IPTC AI fields first, then C2PA. */
export function toolFromProvenance(provenance: Provenance): { name: string; version?: string } | undefined {
  if (provenance.aiSystem)
    return { name: provenance.aiSystem, ...(provenance.aiSystemVersion ? { version: provenance.aiSystemVersion } : {}) };
  const agent =
    provenance.c2pa?.actions.find((a) => a.digitalSourceType && GENERATIVE_SOURCE_TYPES.has(a.digitalSourceType) && a.softwareAgent)
      ?.softwareAgent ?? provenance.c2pa?.claimGenerator;
  if (!agent) return undefined;
  const match = /^(.*?)\s+v?(\d[\w.-]*)$/.exec(agent);
  return match ? { name: match[1], version: match[2] } : { name: agent };
}

/** One line a person reads: what says the file is AI-made, e.g. for a finding's message. */
export function describeProvenance(provenance: Provenance): string {
  const parts: string[] = [];
  if (provenance.digitalSourceType)
    parts.push(`${provenance.xmpIn === 'sidecar' ? "an XMP sidecar's" : 'XMP'} digital source type "${provenance.digitalSourceType}"`);
  if (provenance.c2pa) {
    const generative = provenance.c2pa.actions.filter((a) => a.digitalSourceType && GENERATIVE_SOURCE_TYPES.has(a.digitalSourceType));
    const actions = generative.map((a) => `${a.action} (${a.digitalSourceType})`).join(', ');
    parts.push(
      `${provenance.c2pa.where === 'sidecar' ? 'a C2PA sidecar manifest' : 'an embedded C2PA manifest'}${actions ? ` recording ${actions}` : ''}`,
    );
  }
  const tool = toolFromProvenance(provenance);
  return `${parts.join(' and ')}${tool ? `; made with ${[tool.name, tool.version].filter(Boolean).join(' ')}` : ''}`;
}
