/** mulberry32: a tiny seeded generator; the emulator's only source of randomness. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable value in [0, 1) for (seed, key, index) without keeping state, so any minute of the path can be computed alone. */
export function hashUnit(seed: number, key: string, index: number): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (index & 0xffffffff), 0x01000193) >>> 0;
  h = Math.imul(h ^ Math.floor(index / 4294967296), 0x01000193) >>> 0;
  return seededRandom(h)();
}
