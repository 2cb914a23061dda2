import fc from 'fast-check';
import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { collectBatches } from '../test-support';
import { GbmPath } from './gbm';
import { simBars, simStream } from './sim-source';

const DAY = 86_400_000;
const q = { interval: '1d' as const, from: Date.UTC(2021, 0, 1), to: Date.UTC(2021, 3, 1) };

describe('sim', () => {
  it('gives the same bars for the same seed and different ones for another seed or symbol', async () => {
    const a = await collectBatches(simBars('SPY', q, { seed: 7 }));
    const b = await collectBatches(simBars('SPY', q, { seed: 7 }));
    expect(a).toEqual(b);
    expect(a).toHaveLength(90);
    expect(await collectBatches(simBars('SPY', q, { seed: 8 }))).not.toEqual(a);
    expect((await collectBatches(simBars('QQQ', q, { seed: 7 })))[0]!.close).not.toBe(a[0]!.close);
  });

  it('gives a bar at a time the same value whatever range is asked', async () => {
    const whole = await collectBatches(simBars('SPY', { interval: '1d', to: q.to }, { seed: 1 }));
    const part = await collectBatches(simBars('SPY', q, { seed: 1 }));
    expect(whole.slice(-part.length)).toEqual(part);
  });

  it('makes consistent, positive, increasing bars with drift and volume', async () => {
    const bars = await collectBatches(
      simBars('X', { interval: '1h', from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 1) + 3000 * 3_600_000 }, { volatility: 0.8, startPrice: 10 }),
    );
    expect(bars[0]!.open).toBe(10);
    for (let i = 0; i < bars.length; i++) {
      const b = bars[i]!;
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeGreaterThan(0);
      expect(b.volume).toBeGreaterThan(0);
      if (i > 0) expect(b.time - bars[i - 1]!.time).toBe(3_600_000);
    }
    const noVolume = await collectBatches(simBars('X', { interval: '1d', from: q.from, to: q.from + 5 * DAY }, { volume: 0 }));
    expect(noVolume.every((b) => b.volume === 0)).toBe(true);
  });

  it('prices are multiples of the tick, each the double its decimal text reads as (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.0001, 0.001, 0.01, 0.05, 0.125, 0.25, 1, 2.5),
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.integer(),
        (tick, start, volatility, seed) => {
          const decimals = String(tick).split('.')[1]?.length ?? 0;
          const path = new GbmPath('X', '1m', { seed, tick, startPrice: Math.max(tick, start * tick), volatility });
          for (let i = 0; i < 200; i++) {
            const bar = path.next(i * 60_000);
            for (const p of [bar.open, bar.high, bar.low, bar.close]) {
              expect(Number(p.toFixed(decimals))).toBe(p);
              expect(Math.abs(p / tick - Math.round(p / tick))).toBeLessThan(1e-6);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('rejects bad parameters', async () => {
    await expect(simBars('X', q, { volatility: -1 }).next()).rejects.toThrow(/volatility/);
  });

  it('streams a live feed paced by speed, deterministic across runs', async () => {
    const start = Date.UTC(2025, 0, 1);
    const run = () => firstValueFrom(simStream('BTC/USDT', '1m', { seed: 3 }, { speed: 60_000, start }).pipe(take(5), toArray()));
    const t0 = Date.now();
    const a = await run();
    const elapsed = Date.now() - t0;
    expect(a.map((b) => b.time)).toEqual([0, 1, 2, 3, 4].map((i) => start + i * 60_000));
    expect(await run()).toEqual(a);
    expect(elapsed).toBeGreaterThanOrEqual(3);
  });
});
