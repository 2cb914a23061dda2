import { seededRandom } from '@rustybt/core';

/** A stable value in [0, 1) for (seed, key, index) without keeping state, so any minute of the path can be computed alone. */
export function hashUnit(seed: number, key: string, index: number): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (index & 0xffffffff), 0x01000193) >>> 0;
  h = Math.imul(h ^ Math.floor(index / 4294967296), 0x01000193) >>> 0;
  return seededRandom(h)();
}
