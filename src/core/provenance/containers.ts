import { ByteSource, latin1, startsWith, latin1Bytes, concat, fourCC, hex, inflated, uint32BE, uint32LE, uint64BE } from './byteSource';
import { isManifestStore } from './packets';

/** The container formats whose metadata places are known; others are only scanned for packets. */
export type MediaFormat = 'jpeg' | 'png' | 'tiff' | 'riff' | 'bmff' | 'mp3' | 'pdf' | 'unknown';

/** Recognises a container by its first bytes, never by the file name. */
export function detectFormat(head: Uint8Array): MediaFormat {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  // Classic TIFF (42) and BigTIFF (43), either byte order.
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b))
    return 'tiff';
  if (head.length >= 12 && fourCC(head, 0) === 'RIFF') return 'riff';
  if (head.length >= 8 && fourCC(head, 4) === 'ftyp') return 'bmff';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  // An MP3 with an ID3v2 tag (the tag is where its metadata is; untagged MP3 has none).
  if (starts(0x49, 0x44, 0x33)) return 'mp3';
  return 'unknown';
}

/** Metadata found in a file, still raw: an XMP packet and a C2PA manifest store (JUMBF). */
export interface EmbeddedMetadata {
  xmp?: Uint8Array;
  c2pa?: Uint8Array;
}

/** What is read of one box or chunk that holds metadata; larger ones are not metadata anyone writes. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;
/**
 * Boxes, chunks and segments walked before taking a file as malformed: a PNG is written in image
 * data chunks of 8 KB or more, and its metadata may follow them (800 MB of them at this limit).
 */
const MAX_ENTRIES = 100_000;

const C2PA_BMFF_UUID = 'd8fec3d61b0e483c92975828877ec481';
const XMP_BMFF_UUID = 'be7acfcb97a942e89c71999491e3afac';

/** Finds the metadata places a container defines, reading only their headers and contents. */
export async function findEmbedded(source: ByteSource, format: MediaFormat): Promise<EmbeddedMetadata> {
  switch (format) {
    case 'jpeg':
      return jpegSegments(source);
    case 'png':
      return pngChunks(source);
    case 'tiff':
      return tiffTags(source);
    case 'bmff':
      return bmffBoxes(source);
    case 'riff':
      return riffChunks(source);
    case 'mp3':
      return id3Frames(source);
    default:
      return {};
  }
}

/**
 * JPEG: XMP in an APP1 segment, and a C2PA manifest store as JUMBF in APP11 segments ("JP" common
 * identifier), split across segments when large: each repeats the box header, which is dropped
 * when joining. Walked rather than left to the first read: camera data and colour profiles before
 * the XMP can fill it.
 */
async function jpegSegments(source: ByteSource): Promise<EmbeddedMetadata> {
  const found: EmbeddedMetadata = {};
  const parts = new Map<number, Uint8Array[]>();
  let offset = 2;
  for (let count = 0; count < MAX_ENTRIES && offset + 4 <= source.size; count++) {
    const header = await source.read(offset, 4);
    if (header[0] !== 0xff) break;
    const marker = header[1];
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    // Start of scan or end of image: the metadata segments are all before it.
    if (marker === 0xda || marker === 0xd9) break;
    const length = (header[2] << 8) | header[3];
    if (marker === 0xeb && length > 16) {
      const segment = await source.read(offset + 4, length - 2);
      if (segment[0] === 0x4a && segment[1] === 0x50) {
        const instance = (segment[2] << 8) | segment[3];
        const boxHeaderLength = uint32BE(segment, 8) === 1 ? 16 : 8;
        const list = parts.get(instance) ?? [];
        list.push(list.length === 0 ? segment.subarray(8) : segment.subarray(8 + boxHeaderLength));
        parts.set(instance, list);
      }
    } else if (marker === 0xe1 && !found.xmp && length > JPEG_XMP_NAMESPACE.length + 2) {
      // APP1 also holds Exif (up to 64 KB): only its start is read to tell which.
      if (startsWith(await source.read(offset + 4, JPEG_XMP_NAMESPACE.length), JPEG_XMP_NAMESPACE)) {
        found.xmp = await source.read(offset + 4 + JPEG_XMP_NAMESPACE.length, length - 2 - JPEG_XMP_NAMESPACE.length);
      }
    }
    offset += 2 + length;
  }
  for (const list of parts.values()) {
    const store = concat(list);
    if (isManifestStore(store)) {
      found.c2pa = store;
      break;
    }
  }
  return found;
}

/** What an APP1 segment holding XMP starts with (XMP part 3). */
const JPEG_XMP_NAMESPACE = latin1Bytes('http://ns.adobe.com/xap/1.0/\0');

/**
 * PNG: the C2PA store (`caBX`) and the XMP packet, wherever they are among the chunks: before the
 * image data, as most writers put them, or after it, which the format allows.
 */
async function pngChunks(source: ByteSource): Promise<EmbeddedMetadata> {
  const found: EmbeddedMetadata = {};
  let offset = 8;
  for (let count = 0; count < MAX_ENTRIES && offset + 8 <= source.size && !(found.c2pa && found.xmp); count++) {
    const header = await source.read(offset, 8);
    const length = uint32BE(header, 0);
    const type = fourCC(header, 4);
    if (type === 'IEND' || !isChunkName(type)) break;
    if (length <= MAX_METADATA_BYTES) {
      if (type === 'caBX') found.c2pa ??= await source.read(offset + 8, length);
      else if (!found.xmp && (type === 'iTXt' || type === 'zTXt' || type === 'tEXt'))
        found.xmp = await pngXmp(type, await source.read(offset + 8, length));
    }
    offset += 12 + length;
  }
  return found;
}

/**
 * The XMP packet in a PNG text chunk: the XMP specification's `XML:com.adobe.xmp` (iTXt), or the
 * `Raw profile type xmp` chunk ImageMagick keeps a profile in (hex digits, in zTXt or tEXt).
 */
async function pngXmp(type: 'iTXt' | 'zTXt' | 'tEXt', data: Uint8Array): Promise<Uint8Array | undefined> {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd > 79) return undefined;
  const keyword = latin1(data.subarray(0, keywordEnd));
  if (keyword !== 'XML:com.adobe.xmp' && keyword !== 'Raw profile type xmp') return undefined;
  let text: Uint8Array | undefined;
  if (type === 'tEXt') text = data.subarray(keywordEnd + 1);
  else if (type === 'zTXt') text = await inflated(data.subarray(keywordEnd + 2), MAX_METADATA_BYTES);
  else {
    // A compression flag and method, then a language tag and a translated keyword, each ended by 0.
    const languageEnd = data.indexOf(0, keywordEnd + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) return undefined;
    const body = data.subarray(translatedEnd + 1);
    text = data[keywordEnd + 1] === 1 ? await inflated(body, MAX_METADATA_BYTES) : body;
  }
  if (!text) return undefined;
  return keyword === 'Raw profile type xmp' ? rawProfileBytes(text) : text;
}

/**
 * ImageMagick's raw profile text: a line with the profile's name, one with its length in bytes,
 * then the bytes as hex digits over many lines.
 */
function rawProfileBytes(text: Uint8Array): Uint8Array | undefined {
  const [, , lengthLine, ...lines] = latin1(text).split('\n');
  const length = Number(lengthLine?.trim());
  const digits = lines.join('').replace(/\s+/g, '');
  if (!Number.isInteger(length) || length <= 0 || digits.length < length * 2 || !/^[0-9a-fA-F]*$/.test(digits)) return undefined;
  return Uint8Array.from({ length }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
}

/**
 * TIFF, and the camera formats built on it: the first image's XMP (tag 700) and C2PA manifest
 * store (tag 52545), wherever in the file their data lies (a writer may put it after the image
 * data, or between the pages of a multi-page file). Classic and BigTIFF.
 */
async function tiffTags(source: ByteSource): Promise<EmbeddedMetadata> {
  const header = await source.read(0, 16);
  const little = header[0] === 0x49;
  const u16 = (bytes: Uint8Array, at: number) => (little ? bytes[at] | (bytes[at + 1] << 8) : (bytes[at] << 8) | bytes[at + 1]);
  const u32 = (bytes: Uint8Array, at: number) => (little ? uint32LE(bytes, at) : uint32BE(bytes, at));
  const u64 = (bytes: Uint8Array, at: number) => (little ? uint32LE(bytes, at) + uint32LE(bytes, at + 4) * 2 ** 32 : uint64BE(bytes, at));
  const big = u16(header, 2) === 43;
  // Classic: a 2-byte entry count and 12-byte entries with 4-byte counts and offsets; BigTIFF: 8, 20 and 8.
  const [countBytes, entryBytes, inlineBytes] = big ? [8, 20, 8] : [2, 12, 4];
  const directory = big ? u64(header, 8) : u32(header, 4);
  const countField = await source.read(directory, countBytes);
  if (countField.length < countBytes) return {};
  const count = big ? u64(countField, 0) : u16(countField, 0);
  if (count > MAX_DIRECTORY_ENTRIES) return {};
  const entries = await source.read(directory + countBytes, count * entryBytes);
  const found: EmbeddedMetadata = {};
  for (let at = 0; at + entryBytes <= entries.length; at += entryBytes) {
    const tag = u16(entries, at);
    const type = u16(entries, at + 2);
    // Both are byte strings: BYTE (1) or UNDEFINED (7), as many as the count says.
    if ((tag !== TIFF_XMP && tag !== TIFF_C2PA) || (type !== 1 && type !== 7)) continue;
    const length = big ? u64(entries, at + 4) : u32(entries, at + 4);
    if (length === 0 || length > MAX_METADATA_BYTES) continue;
    const valueAt = at + 4 + inlineBytes;
    const data =
      length <= inlineBytes
        ? entries.subarray(valueAt, valueAt + length)
        : await source.read(big ? u64(entries, valueAt) : u32(entries, valueAt), length);
    if (tag === TIFF_XMP) found.xmp = data;
    else if (isManifestStore(data)) found.c2pa = data;
  }
  return found;
}

const TIFF_XMP = 700;
const TIFF_C2PA = 52545;
/** A TIFF directory lists a few dozen tags; more is not a directory. */
const MAX_DIRECTORY_ENTRIES = 4096;

/** A box: its type, where its body starts and where the box ends, and the header's bytes after its size and type. */
interface Box {
  type: string;
  bodyAt: number;
  end: number;
  rest: Uint8Array;
}

/**
 * The boxes from `start` to `end`, read header by header. At the top level a name that is not four
 * printable characters ends the walk (past it lies no box); inside a box (QuickTime names its user
 * data boxes with a © sign) the walk ends where a box would overrun its parent.
 */
async function* boxesIn(source: ByteSource, start: number, end: number, inside: boolean): AsyncGenerator<Box> {
  let offset = start;
  for (let count = 0; count < MAX_ENTRIES && offset + 8 <= end; count++) {
    const header = await source.read(offset, 32);
    let size = uint32BE(header, 0);
    const type = fourCC(header, 4);
    let headerLength = 8;
    if (size === 1) {
      size = uint64BE(header, 8);
      headerLength = 16;
    } else if (size === 0) size = end - offset;
    if (size < headerLength || (inside ? offset + size > end : !isChunkName(type))) return;
    yield { type, bodyAt: offset + headerLength, end: offset + size, rest: header.subarray(headerLength) };
    offset += size;
  }
}

/** ISO base media (MP4, MOV, HEIF): top-level `uuid` boxes hold C2PA and XMP; QuickTime keeps XMP in the movie's user data. */
async function bmffBoxes(source: ByteSource): Promise<EmbeddedMetadata> {
  const found: EmbeddedMetadata = {};
  for await (const box of boxesIn(source, 0, source.size, false)) {
    if (box.type === 'uuid' && box.end - box.bodyAt - 16 <= MAX_METADATA_BYTES) {
      const uuid = hex(box.rest.subarray(0, 16));
      if (uuid === C2PA_BMFF_UUID || uuid === XMP_BMFF_UUID) {
        const body = await source.read(box.bodyAt + 16, box.end - box.bodyAt - 16);
        if (uuid === XMP_BMFF_UUID) found.xmp = body;
        else found.c2pa = c2paBmffPayload(body);
      }
    } else if (box.type === 'moov' && !found.xmp) {
      found.xmp = await quickTimeXmp(source, box);
    }
  }
  return found;
}

/**
 * The XMP of a QuickTime movie, in `moov/udta/XMP_` (XMP part 3): found wherever the movie box is,
 * at the end of a file as encoders often write it, or at the start after large sample tables.
 */
async function quickTimeXmp(source: ByteSource, movie: Box): Promise<Uint8Array | undefined> {
  for await (const box of boxesIn(source, movie.bodyAt, movie.end, true)) {
    if (box.type !== 'udta') continue;
    for await (const entry of boxesIn(source, box.bodyAt, box.end, true)) {
      if (entry.type === 'XMP_' && entry.end - entry.bodyAt <= MAX_METADATA_BYTES)
        return source.read(entry.bodyAt, entry.end - entry.bodyAt);
    }
  }
  return undefined;
}

/** The C2PA `uuid` box: version and flags, a purpose string, an offset, then the manifest store. */
function c2paBmffPayload(body: Uint8Array): Uint8Array | undefined {
  const purposeEnd = body.indexOf(0, 4);
  if (purposeEnd < 0) return undefined;
  const purpose = new TextDecoder().decode(body.subarray(4, purposeEnd));
  if (purpose !== 'manifest') return undefined;
  const store = body.subarray(purposeEnd + 1 + 8);
  return isManifestStore(store) ? store : undefined;
}

/** RIFF (WAV, WebP, AVI): XMP in a `_PMX` or `XMP ` chunk, C2PA in a `C2PA` chunk. */
async function riffChunks(source: ByteSource): Promise<EmbeddedMetadata> {
  const found: EmbeddedMetadata = {};
  // The RIFF header says where its chunks end; what follows is not part of it.
  const end = Math.min(source.size, uint32LE(await source.read(4, 4), 0) + 8);
  let offset = 12;
  for (let count = 0; count < MAX_ENTRIES && offset + 8 <= end; count++) {
    const header = await source.read(offset, 8);
    const id = fourCC(header, 0);
    if (!isChunkName(id)) break;
    const length = uint32LE(header, 4);
    if ((id === '_PMX' || id === 'XMP ' || id === 'C2PA') && length <= MAX_METADATA_BYTES) {
      const body = await source.read(offset + 8, length);
      if (id === 'C2PA') found.c2pa = body;
      else found.xmp = body;
    }
    offset += 8 + length + (length % 2);
  }
  return found;
}

/**
 * MP3: the ID3v2 tag before the audio. XMP in a `PRIV` frame owned by "XMP" (XMP part 3); a C2PA
 * manifest store in a `GEOB` frame of type `application/x-c2pa-manifest-store`. Only frame headers
 * are read on the way: a tag also holds cover art of megabytes.
 */
async function id3Frames(source: ByteSource): Promise<EmbeddedMetadata> {
  const header = await source.read(0, 10);
  const version = header[3];
  // ID3v2.2 names frames with three letters and holds neither; an unsynchronised tag is not read.
  if (header.length < 10 || (version !== 3 && version !== 4) || header[5] & 0x80) return {};
  const end = 10 + synchsafe(header, 6);
  let offset = 10;
  if (header[5] & 0x40) {
    // An extended header: v2.4 counts its own size, v2.3 the bytes after the size field.
    const extended = await source.read(offset, 4);
    offset += version === 4 ? synchsafe(extended, 0) : 4 + uint32BE(extended, 0);
  }
  const found: EmbeddedMetadata = {};
  for (let count = 0; count < MAX_ENTRIES && offset + 10 <= end; count++) {
    const frame = await source.read(offset, 10);
    const id = fourCC(frame, 0);
    if (!/^[A-Z0-9]{4}$/.test(id)) break;
    const size = version === 4 ? synchsafe(frame, 4) : uint32BE(frame, 4);
    if ((id === 'PRIV' || id === 'GEOB') && size <= MAX_METADATA_BYTES && offset + 10 + size <= end) {
      const data = await source.read(offset + 10, size);
      if (id === 'PRIV') found.xmp ??= privXmp(data);
      else found.c2pa ??= geobManifestStore(data);
    }
    offset += 10 + size;
  }
  return found;
}

/** A `PRIV` frame: its owner's name, ended by 0, then the owner's bytes. */
function privXmp(data: Uint8Array): Uint8Array | undefined {
  const ownerEnd = data.indexOf(0);
  return ownerEnd >= 0 && latin1(data.subarray(0, ownerEnd)) === 'XMP' ? data.subarray(ownerEnd + 1) : undefined;
}

/**
 * A `GEOB` frame: a text encoding, a MIME type (Latin-1, ended by 0), a file name and a
 * description (each ended by one 0 in Latin-1 or UTF-8, by two at an even place in UTF-16), then
 * the object.
 */
function geobManifestStore(data: Uint8Array): Uint8Array | undefined {
  const wide = data[0] === 1 || data[0] === 2;
  const mimeEnd = data.indexOf(0, 1);
  if (mimeEnd < 0 || latin1(data.subarray(1, mimeEnd)) !== C2PA_MIME_TYPE) return undefined;
  const afterText = (from: number) => {
    if (!wide) return data.indexOf(0, from) + 1;
    for (let at = from; at + 1 < data.length; at += 2) if (data[at] === 0 && data[at + 1] === 0) return at + 2;
    return 0;
  };
  const filenameEnd = afterText(mimeEnd + 1);
  const descriptionEnd = filenameEnd > 0 ? afterText(filenameEnd) : 0;
  const store = descriptionEnd > 0 ? data.subarray(descriptionEnd) : undefined;
  return store && isManifestStore(store) ? store : undefined;
}

const C2PA_MIME_TYPE = 'application/x-c2pa-manifest-store';

/** ID3's sizes: 28 bits, seven in each byte. */
function synchsafe(bytes: Uint8Array, at: number): number {
  return ((bytes[at] & 0x7f) << 21) | ((bytes[at + 1] & 0x7f) << 14) | ((bytes[at + 2] & 0x7f) << 7) | (bytes[at + 3] & 0x7f);
}

/** Box and chunk names are four printable ASCII characters; anything else is not a box. */
function isChunkName(name: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(name);
}
