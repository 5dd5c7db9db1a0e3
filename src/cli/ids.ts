import { createHash } from 'node:crypto';

/** pgensure's own namespace for name-based cluster ids (a random UUID fixed once; never change it). */
export const PGENSURE_ID_NAMESPACE = '6f1d2c3a-5b4e-4f08-9a7c-3e2d1b0c9f8e';

/**
 * The create id of generation `n` of an address: an RFC 9562 name-based (version 5, SHA-1) UUID of `REGION/NAME`
 * (and `REGION/NAME#n` after the first), so every run on every machine picks the same id (product.md §3).
 */
export function nameBasedClusterId(address: string, generation: number): string {
  return uuidV5(PGENSURE_ID_NAMESPACE, generation === 0 ? address : `${address}#${generation}`);
}

/** RFC 9562 §5.5: SHA-1 over the namespace's 16 bytes and the name's UTF-8, version 5, variant 10. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
