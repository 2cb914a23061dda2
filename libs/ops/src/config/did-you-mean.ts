import { z } from 'zod';

type Node = { properties?: Record<string, Node>; anyOf?: Node[] };

/** The keys a schema allows at `path` (an object nested through optionals and defaults). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node;
  for (const key of path) {
    const next = objectOf(node)?.properties?.[String(key)];
    if (!next) return [];
    node = next;
  }
  return Object.keys(objectOf(node)?.properties ?? {});
}

const objectOf = (n: Node): Node | undefined => (n.properties ? n : n.anyOf?.find((a) => a.properties));

/** The closest allowed key within a small edit distance (typos, case), or undefined. */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(key.toLowerCase(), c.toLowerCase());
    if (d <= Math.max(2, Math.floor(c.length / 3)) && (!best || d < best.d)) best = { key: c, d };
  }
  return best?.key;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
