import { fourCC, hex, indexOfBytes, latin1Bytes, uint32BE } from './byteSource';

/** Metadata packets found by scanning bytes, for any file (XMP part 3) and for containers not walked (C2PA). */

const XMP_START = latin1Bytes('<x:xmpmeta');
const XMP_END = latin1Bytes('</x:xmpmeta>');

/**
 * An XMP packet found by scanning, as XMP part 3 allows for any file: packets are plain text
 * between `<x:xmpmeta` and `</x:xmpmeta>`.
 */
export function scanForXmp(bytes: Uint8Array): Uint8Array | undefined {
  const start = indexOfBytes(bytes, XMP_START, 0);
  if (start < 0) return undefined;
  const end = indexOfBytes(bytes, XMP_END, start);
  return end < 0 ? undefined : bytes.subarray(start, end + XMP_END.length);
}

/** The JUMBF type of a C2PA manifest store: "c2pa" then the JUMBF UUID tail. */
const C2PA_STORE_TYPE = '6332706100110010800000aa00389b71';

/** A C2PA manifest store found by scanning for its superbox header, for containers not walked. */
export function scanForManifestStore(bytes: Uint8Array): Uint8Array | undefined {
  const jumb = latin1Bytes('jumb');
  for (let at = indexOfBytes(bytes, jumb, 4); at >= 4; at = indexOfBytes(bytes, jumb, at + 1)) {
    const store = bytes.subarray(at - 4, at - 4 + uint32BE(bytes, at - 4));
    if (isManifestStore(store)) return store;
  }
  return undefined;
}

/** Is this a JUMBF superbox whose description box says "C2PA manifest store"? */
export function isManifestStore(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 40 && fourCC(bytes, 4) === 'jumb' && fourCC(bytes, 12) === 'jumd' && hex(bytes.subarray(16, 32)) === C2PA_STORE_TYPE
  );
}
