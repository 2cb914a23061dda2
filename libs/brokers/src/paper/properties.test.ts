import fc from 'fast-check';
import { Decimal, EngineRun, ZERO, riskLimitsSchema, type Bar, type EngineEvent, type Strategy } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import type { PaperBrokerConfigInput } from './config';
import { PaperBroker } from './paper-broker';

const SYMBOLS = ['A', 'B'];
const T0 = Date.UTC(2024, 0, 1);

/** Interleaved bars of two symbols from random steps; volumes vary and can be 0. */
const barsArb = fc
  .array(
    fc.record({
      da: fc.integer({ min: -300, max: 300 }),
      db: fc.integer({ min: -300, max: 300 }),
      range: fc.integer({ min: 0, max: 200 }),
      vol: fc.integer({ min: 0, max: 500 }),
    }),
    { minLength: 5, maxLength: 80 },
  )
  .map((steps) => {
    let a = 10_000;
    let b = 5_000;
    const out: Bar[] = [];
    steps.forEach((s, i) => {
      const open = [a, b];
      a = Math.max(100, a + s.da);
      b = Math.max(100, b + s.db);
      [a, b].forEach((close, k) => {
        const o = open[k]! / 100;
        const c = close / 100;
        out.push({
          symbol: SYMBOLS[k]!,
          time: T0 + i * 20 * 60_000,
          open: o,
          high: Math.max(o, c) + s.range / 100,
          low: Math.max(0.01, Math.min(o, c) - s.range / 100),
          close: c,
          volume: s.vol,
        });
      });
    });
    return out;
  });

const brokerArb: fc.Arbitrary<PaperBrokerConfigInput> = fc.record({
  fillAt: fc.constantFrom<'next-open' | 'close'>('next-open', 'close'),
  volumeLimit: fc.constantFrom(0.05, 0.5, 1),
  allowShort: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
  commission: fc.constantFrom<PaperBrokerConfigInput['commission']>(
    { model: 'none' },
    { model: 'percent', rate: 0.001 },
    { model: 'per-share', perShare: 0.01, minimum: 1 },
    { model: 'maker-taker', maker: 0.0002, taker: 0.0007 },
  ),
  slippage: fc.constantFrom<PaperBrokerConfigInput['slippage']>({ model: 'none' }, { model: 'fixed-bps', bps: 7 }, { model: 'volume-share', priceImpact: 0.1 }),
  latency: fc.constantFrom<PaperBrokerConfigInput['latency']>({ model: 'none' }, { model: 'uniform', minMs: 0, maxMs: 3_600_000 }),
});

const riskArb = fc.record({
  maxPositionFraction: fc.constantFrom(0.2, 0.5, 1),
  maxLeverage: fc.constantFrom(0.5, 1, 2),
  maxDailyLoss: fc.constantFrom(0.01, 0.05, 1),
  dailyLossAction: fc.constantFrom<'reduce' | 'halt'>('reduce', 'halt'),
  maxOpenPositions: fc.constantFrom(1, 2),
  maxOrdersPerMinute: fc.constantFrom(1, 3, 60),
  maxNotionalPerOrder: fc.constantFrom(undefined, 500, 5000),
});

/** Places random orders of every type, cancels some: decisions come from the seeded ctx.random(). */
const chaos: Strategy = {
  onBar(ctx, bar) {
    const r = ctx.random;
    if (r() < 0.15) {
      const open = ctx.openOrders();
      if (open.length > 0) ctx.cancel(open[Math.floor(r() * open.length)]!.clientOrderId);
    }
    if (r() < 0.5) return;
    const qty = Math.ceil(r() * 40) * (r() < 0.5 ? -1 : 1);
    const kind = Math.floor(r() * 4);
    const away = 1 + (r() - 0.5) * 0.1;
    const price = new Decimal(bar.close * away).toDecimalPlaces(2);
    const tif = (['GTC', 'IOC', 'DAY'] as const)[Math.floor(r() * 3)]!;
    if (kind === 0) ctx.order(bar.symbol, qty, { timeInForce: tif });
    else if (kind === 1) ctx.order(bar.symbol, qty, { limitPrice: price, timeInForce: tif });
    else if (kind === 2) ctx.order(bar.symbol, qty, { stopPrice: price, timeInForce: tif });
    else ctx.orderTarget(bar.symbol, Math.floor(r() * 30), { stopPrice: price, limitPrice: price.mul(1.01).toDecimalPlaces(2) });
  },
};

async function runOnce(
  bars: Bar[],
  broker: PaperBrokerConfigInput,
  risk: object,
  seed: number,
  hooks: { journal?: (run: EngineRun, e: EngineEvent) => void } = {},
) {
  const b = new PaperBroker(broker);
  const events: string[] = [];
  const run: EngineRun = new EngineRun({
    runId: 'prop',
    strategy: chaos,
    broker: b,
    symbols: SYMBOLS,
    capital: '10000',
    risk,
    seed,
    journal: (e) => hooks.journal?.(run, e),
  });
  run.events$.subscribe((e) => events.push(JSON.stringify(e)));
  const result = await run.run(bars);
  return { run, broker: b, result, events };
}

describe('engine + paper broker properties', () => {
  it('conserves cash + positions at fill prices, net of fees, and agrees with the broker', async () => {
    await fc.assert(
      fc.asyncProperty(barsArb, brokerArb, fc.integer({ min: 0, max: 1e6 }), async (bars, config, seed) => {
        const { run, broker, result } = await runOnce(
          bars,
          config,
          { maxLeverage: 3, maxPositionFraction: 3, maxDailyLoss: 1, maxOrdersPerMinute: 1000 },
          seed,
        );
        let cash = new Decimal(10_000);
        const qty = new Map<string, Decimal>();
        for (const f of result.fills) {
          const signed = f.side === 'buy' ? f.quantity : f.quantity.neg();
          cash = cash.sub(signed.mul(f.price)).sub(f.commission);
          qty.set(f.symbol, (qty.get(f.symbol) ?? ZERO).add(signed));
          expect(f.quantity.gt(0)).toBe(true);
        }
        expect(run.portfolio.cash.toString()).toBe(cash.toString());
        const balances = await broker.balances();
        expect(balances[0]!.total.toString()).toBe(cash.toString());
        for (const s of SYMBOLS) {
          const q = qty.get(s) ?? ZERO;
          expect(run.portfolio.position(s).quantity.toString()).toBe(q.toString());
          expect((balances.find((x) => x.asset === s)?.total ?? ZERO).toString()).toBe(q.toString());
          if (!config.allowShort) expect(q.gte(0)).toBe(true);
        }
        if (!config.allowShort) expect(run.portfolio.cash.gte(0)).toBe(true);
        // Equity = capital + realised + unrealised - fees (to the 20 digits average prices keep).
        const unrealised = SYMBOLS.reduce((a, s) => a.add(run.portfolio.position(s).unrealizedPnl), ZERO);
        const identity = new Decimal(10_000).add(run.portfolio.realizedPnl).add(unrealised).sub(run.portfolio.fees);
        expect(result.finalEquity.sub(identity).abs().lte('1e-9')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never lets an order past a risk limit', async () => {
    let openingOrdersChecked = 0;
    await fc.assert(
      fc.asyncProperty(barsArb, brokerArb, riskArb, fc.integer({ min: 0, max: 1e6 }), async (bars, config, riskInput, seed) => {
        const risk = riskLimitsSchema.parse(Object.fromEntries(Object.entries(riskInput).filter(([, v]) => v !== undefined)));
        const submitted: number[] = [];
        let checked = 0;
        const { result } = await runOnce(bars, config, risk, seed, {
          journal(run, e) {
            if (e.type !== 'order_submitted') return;
            const o = e.order;
            expect(run.tradingState).not.toBe('HALTED');
            submitted.push(e.time);
            expect(submitted.filter((t) => t > e.time - 60_000).length).toBeLessThanOrEqual(risk.maxOrdersPerMinute);
            // Recompute the exposure the order creates from the run's own state, in decimals.
            const snap = run.snapshot();
            const last = new Map(snap.portfolio.positions.map((p) => [p.symbol, new Decimal(p.lastPrice ?? 0)]));
            const projected = new Map<string, Decimal>();
            for (const p of snap.portfolio.positions) projected.set(p.symbol, new Decimal(p.quantity));
            for (const x of snap.openOrders) {
              const rest = new Decimal(x.quantity).sub(x.filledQuantity);
              projected.set(x.symbol, (projected.get(x.symbol) ?? ZERO).add(x.side === 'buy' ? rest : rest.neg()));
            }
            const after = projected.get(o.symbol) ?? ZERO;
            const signed = o.side === 'buy' ? o.quantity : o.quantity.neg();
            const before = after.sub(signed);
            const reducing = after.abs().lte(before.abs()) && (after.isZero() || before.isZero() || after.isNeg() === before.isNeg());
            if (reducing) return;
            expect(run.tradingState).toBe('ACTIVE');
            const ref = o.limitPrice ?? o.stopPrice ?? last.get(o.symbol)!;
            const equity = run.portfolio.equity();
            expect(after.abs().mul(ref).lte(equity.mul(risk.maxPositionFraction))).toBe(true);
            let gross = ZERO;
            for (const [s, q] of projected) gross = gross.add(q.abs().mul(s === o.symbol ? ref : (last.get(s) ?? ZERO)));
            expect(gross.lte(equity.mul(risk.maxLeverage))).toBe(true);
            expect([...projected.values()].filter((q) => !q.isZero()).length).toBeLessThanOrEqual(risk.maxOpenPositions);
            if (risk.maxNotionalPerOrder !== undefined) expect(o.quantity.mul(ref).lte(risk.maxNotionalPerOrder)).toBe(true);
            checked++;
          },
        });
        expect(result.bars).toBe(bars.length);
        expect(checked).toBeLessThanOrEqual(submitted.length);
        openingOrdersChecked += checked;
      }),
      { numRuns: 150 },
    );
    // The property saw real opening orders, not only rejections.
    expect(openingOrdersChecked).toBeGreaterThan(100);
  });

  it('gives byte-identical events and results for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(barsArb, brokerArb, riskArb, fc.integer({ min: 0, max: 1e6 }), async (bars, config, risk, seed) => {
        const clean = Object.fromEntries(Object.entries(risk).filter(([, v]) => v !== undefined));
        const a = await runOnce(bars, config, clean, seed);
        const b = await runOnce(bars, config, clean, seed);
        expect(b.events.join('\n')).toBe(a.events.join('\n'));
        expect(JSON.stringify({ ...b.result, elapsedMs: 0 })).toBe(JSON.stringify({ ...a.result, elapsedMs: 0 }));
      }),
      { numRuns: 60 },
    );
  });
});
