import type { Bar } from '@rustybt/engine';

/**
 * Merges per-symbol batch streams (each in time order) into batches in time order, symbols in the
 * order given at equal times. Works batch by batch: everything up to the earliest batch end of all
 * sources is safe to hand out, so memory stays one batch per symbol.
 */
export async function* mergeBatches(sources: AsyncIterable<Bar[]>[]): AsyncGenerator<Bar[]> {
  if (sources.length === 1) {
    yield* sources[0]!;
    return;
  }
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const heads: (Bar[] | null)[] = sources.map(() => []);
  const pos = sources.map(() => 0);
  const refill = async (k: number) => {
    while (heads[k] !== null && pos[k]! >= heads[k]!.length) {
      const r = await its[k]!.next();
      heads[k] = r.done ? null : r.value;
      pos[k] = 0;
    }
  };
  for (;;) {
    for (let k = 0; k < its.length; k++) await refill(k);
    const live = heads.map((h, k) => (h === null ? -1 : k)).filter((k) => k >= 0);
    if (live.length === 0) return;
    const horizon = Math.min(...live.map((k) => heads[k]![heads[k]!.length - 1]!.time));
    const out: Bar[] = [];
    for (;;) {
      let best = -1;
      for (const k of live) {
        const h = heads[k]!;
        if (pos[k]! < h.length && h[pos[k]!]!.time <= horizon && (best < 0 || h[pos[k]!]!.time < heads[best]![pos[best]!]!.time)) best = k;
      }
      if (best < 0) break;
      out.push(heads[best]![pos[best]!++]!);
    }
    if (out.length > 0) yield out;
  }
}
