/**
 * FNV-1a of some bytes: a short, stable name for one content (not a security hash). Eight hex
 * digits; two different contents share one about once in four billion.
 */
export function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
