/**
 * The worst (largest) downtime over any window of length `lengthMs` inside [from, to], and where that
 * window ends. `starts`/`ends` are disjoint down intervals in time order. The overlap is piecewise linear in
 * the window's end, so its maximum sits where the window's start or end meets an interval edge.
 */
export function worstWindow(
  starts: readonly number[],
  ends: readonly number[],
  from: number,
  to: number,
  lengthMs: number,
): { downMs: number; endAt: number } | null {
  if (to - from < lengthMs) return null;
  const prefix = [0];
  for (let i = 0; i < starts.length; i++) prefix.push(prefix[i]! + ends[i]! - starts[i]!);
  const downBefore = (t: number): number => {
    // total downtime in (-inf, t]
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    let sum = prefix[lo]!;
    if (lo < starts.length && starts[lo]! < t) sum += t - starts[lo]!;
    return sum;
  };
  const candidates = [from + lengthMs, to];
  for (let i = 0; i < starts.length; i++) candidates.push(ends[i]!, starts[i]! + lengthMs, ends[i]! + lengthMs, starts[i]!);
  let best = { downMs: -1, endAt: to };
  for (const t of candidates) {
    if (t < from + lengthMs || t > to) continue;
    const d = downBefore(t) - downBefore(t - lengthMs);
    if (d > best.downMs || (d === best.downMs && t < best.endAt)) best = { downMs: d, endAt: t };
  }
  return best;
}
