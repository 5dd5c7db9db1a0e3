/** Seeded randomness (ids, DNS names, random faults) and stable name-derived UUIDs. */
import { createHash, randomInt } from 'node:crypto';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to make tests reproducible from a seed. */
export function createRandom(seed: number = randomInt(0, 2 ** 32)): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A RFC 4122 version-4 UUID drawn from `random`. */
export function generateUuidV4(random: Random): string {
  const hex = randomHex(random, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)] ?? '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` lowercase alphanumerics drawn from `random`. */
export function generateAlnum(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[Math.floor(random() * ALNUM.length)];
  return out;
}

/** A version-5-shaped UUID derived from a name, so catalogue and identity ids are stable across restarts. */
export function deriveUuid(name: string): string {
  const hex = createHash('sha1').update(`pgensure-emulator:${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = '89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4] ?? '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
