/**
 * FNV-1a of some bytes: a short, stable name for one content (not a security hash). Eight hex
 * digits; two different contents share one about once in four billion.
 */
export function fnv1a(bytes: Uint8Array): string {
  return new Fnv1a().update(bytes).digest();
}

/** FNV-1a taken piece by piece: the name `fnv1a` gives all the pieces' bytes put together. */
export class Fnv1a {
  private hash = 0x811c9dc5;

  update(bytes: Uint8Array): this {
    let hash = this.hash;
    // Indexed: an iterator over a typed array is several times slower before the optimiser runs.
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    this.hash = hash;
    return this;
  }

  digest(): string {
    return this.hash.toString(16).padStart(8, '0');
  }
}
