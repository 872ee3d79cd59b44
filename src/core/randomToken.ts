/**
 * A random token of `bytes` bytes, written in hex, from the platform's cryptographic source (the
 * same in Node and in a web worker): lock owners, temporary file names, use ids, webview nonces.
 */
export function randomToken(bytes: number): string {
  const random = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(random);
  return Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
