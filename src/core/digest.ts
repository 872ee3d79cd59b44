import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** A SHA-256 digest taken over data given piece by piece (text as UTF-8). */
export interface Sha256 {
  update(data: string | Uint8Array): void;
  /** The digest as lowercase hex; the digest is taken once. */
  hex(): string;
}

/**
 * SHA-256 in JavaScript (@noble/hashes), which runs wherever the core does; a host with its own
 * (Node's is several times faster on the megabytes a cached check keys) hands it over as
 * `FileSystem.newSha256`.
 */
export function portableSha256(): Sha256 {
  const hash = sha256.create();
  return {
    update: (data) => void hash.update(typeof data === 'string' ? utf8ToBytes(data) : data),
    hex: () => bytesToHex(hash.digest()),
  };
}

/** A new digest from the host's hashing, or the portable one where the host has none. */
export function newSha256(host: { newSha256?: () => Sha256 }): Sha256 {
  return host.newSha256?.() ?? portableSha256();
}

/** The SHA-256 of `data` as hex, by the host's hashing (the portable one by default). */
export function sha256Hex(data: string | Uint8Array, host: { newSha256?: () => Sha256 } = {}): string {
  const hash = newSha256(host);
  hash.update(data);
  return hash.hex();
}
