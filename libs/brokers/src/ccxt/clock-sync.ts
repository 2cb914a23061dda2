import type { Exchange } from './ccxt-types';

export interface ClockReading {
  /** Venue time minus local time, ms (positive: the venue is ahead). */
  offsetMs: number;
  roundTripMs: number;
}

/** Half a round trip is the best estimate of when the venue read its clock. */
export async function measureClock(ex: Exchange, now: () => number): Promise<ClockReading> {
  const before = now();
  const server = await ex.fetchTime();
  const after = now();
  if (typeof server !== 'number' || !Number.isFinite(server)) throw new TypeError(`fetchTime returned ${String(server)}`);
  return { offsetMs: Math.round(server - (before + after) / 2), roundTripMs: after - before };
}

/** What to tell the operator about a clock this far off: signing already follows the venue, the machine's clock still wants fixing. */
export function skewWarning(exchangeId: string, r: ClockReading): string {
  return `${exchangeId} clock differs from ours by ${r.offsetMs} ms (round trip ${r.roundTripMs} ms); signed requests now use the venue's time. Sync this machine's clock (NTP)`;
}

/** ccxt signs with `milliseconds() - options.timeDifference`; setting it makes every nonce venue time. */
export function adjustNonce(ex: Exchange, offsetMs: number): void {
  (ex.options as Record<string, unknown>)['timeDifference'] = -offsetMs;
}
