import Decimal from 'decimal.js';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Broker, BrokerEvent, BrokerRestoreState } from '../broker';
import { EngineInputError } from '../errors';
import type { Bar } from '../model/bar';
import type { Order, OrderRequest } from '../model/order';
import type { Strategy } from '../strategy/types';
import { EngineRun } from './engine-run';
import type { EngineEvent } from './events';

/**
 * A minimal venue for engine tests (the real paper broker lives in @rustybt/brokers, which the
 * engine may not import): market orders fill at once at the symbol's last close, without fees;
 * other orders rest until cancelled.
 */
class CloseBroker implements Broker {
  readonly id = 'close';
  readonly reports = 'in-bar' as const;
  private readonly subject = new Subject<BrokerEvent>();
  readonly events$ = this.subject.asObservable();
  readonly last = new Map<string, Bar>();
  readonly resting = new Map<string, Order>();
  restored: BrokerRestoreState | undefined;
  async connect() {}
  async close() {}
  restore(state: BrokerRestoreState) {
    this.restored = state;
    for (const o of state.openOrders) this.resting.set(o.clientOrderId, o);
  }
  onBar(bar: Bar) {
    this.last.set(bar.symbol, bar);
  }
  openOrders() {
    return [...this.resting.values()];
  }
  submit(r: OrderRequest) {
    const bar = this.last.get(r.symbol)!;
    const accepted: Order = { ...r, orderId: `c-${r.clientOrderId}`, status: 'accepted', filledQuantity: new Decimal(0), updatedAt: bar.time };
    this.subject.next({ type: 'order_accepted', order: accepted });
    if (r.type !== 'market') {
      this.resting.set(r.clientOrderId, accepted);
      return;
    }
    const price = new Decimal(bar.close);
    const order: Order = { ...accepted, status: 'filled', filledQuantity: r.quantity, averageFillPrice: price };
    this.subject.next({
      type: 'order_filled',
      order,
      fill: {
        fillId: `${r.clientOrderId}-f1`,
        clientOrderId: r.clientOrderId,
        symbol: r.symbol,
        side: r.side,
        quantity: r.quantity,
        price,
        commission: new Decimal(0),
        time: bar.time,
      },
    });
  }
  cancel(id: string) {
    const o = this.resting.get(id);
    if (!o) return;
    this.resting.delete(id);
    this.subject.next({ type: 'order_cancelled', order: { ...o, status: 'cancelled' }, reason: 'cancelled on request' });
  }
}

const T0 = Date.UTC(2024, 0, 1);
const bars = (closes: number[], symbol = 'X', step = 60_000): Bar[] =>
  closes.map((c, i) => ({ symbol, time: T0 + i * step, open: c, high: c, low: c, close: c, volume: 1000 }));

describe('EngineRun', () => {
  it('journals every order change before events$ and the strategy hear of it', async () => {
    const log: string[] = [];
    const strategy: Strategy = {
      onBar(ctx, bar) {
        ctx.state.i = ((ctx.state.i as number | undefined) ?? 0) + 1;
        if (ctx.state.i === 2) {
          log.push('strategy:order');
          ctx.order(bar.symbol, 2);
          log.push('strategy:order returned');
        }
      },
      onFill(_ctx, fill) {
        log.push(`strategy:fill ${fill.quantity.toString()}@${fill.price.toString()}`);
      },
      onOrder(_ctx, order) {
        log.push(`strategy:order ${order.status}`);
      },
    };
    const run = new EngineRun({
      runId: 'r1',
      strategy,
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1000,
      journal: (e) => log.push(`journal:${e.type}`),
    });
    run.events$.subscribe((e) => {
      if (e.type.startsWith('order_')) log.push(`event:${e.type}`);
    });
    const result = await run.run(bars([10, 11, 12]));
    expect(log).toEqual([
      'strategy:order',
      'journal:order_submitted',
      'event:order_submitted',
      'journal:order_accepted',
      'event:order_accepted',
      'journal:order_filled',
      'event:order_filled',
      'strategy:order returned',
      'strategy:order accepted',
      'strategy:fill 2@11',
    ]);
    expect(result.fills.map((f) => f.clientOrderId)).toEqual(['r1-1']);
    expect(result.finalEquity.toString()).toBe('1002');
    expect(result.totalReturn.toString()).toBe('0.002');
  });

  it('rejects through risk with an event carrying the rule and numbers, and tells the strategy', async () => {
    const seen: Order[] = [];
    const events: EngineEvent[] = [];
    const strategy: Strategy = {
      onBar(ctx, bar) {
        if (ctx.state.done) return;
        ctx.state.done = true;
        expect(ctx.order(bar.symbol, 200)).toBeUndefined();
      },
      onOrder(_ctx, order) {
        seen.push(order);
      },
    };
    const run = new EngineRun({ runId: 'r', strategy, broker: new CloseBroker(), symbols: ['X'], capital: 1000, risk: { maxPositionFraction: 0.5 } });
    run.events$.subscribe((e) => events.push(e));
    const result = await run.run(bars([10, 10]));
    expect(events.find((e) => e.type === 'risk_rejection')).toMatchObject({ rule: 'max_position_size', limit: '500', value: '2000', clientOrderId: 'r-1' });
    expect(events.find((e) => e.type === 'order_rejected')).toMatchObject({ source: 'risk', reason: expect.stringContaining('max_position_size') });
    expect(seen.map((o) => o.status)).toEqual(['rejected']);
    expect(result.riskRejections).toBe(1);
  });

  it('halts opening orders after the daily loss and resumes the next UTC day', async () => {
    const events: EngineEvent[] = [];
    const strategy: Strategy = {
      onBar(ctx, bar) {
        if (ctx.position(bar.symbol).isFlat && ctx.openOrders().length === 0) ctx.order(bar.symbol, 50);
      },
    };
    const run = new EngineRun({
      runId: 'd',
      strategy,
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1000,
      risk: { maxDailyLoss: 0.1, maxPositionFraction: 1 },
    });
    run.events$.subscribe((e) => events.push(e));
    // Buy 50 at 10 (all cash), price falls to 7: loss 150 > 100 -> REDUCING. Next day: ACTIVE again.
    const day = 86_400_000;
    const feed: Bar[] = [
      { symbol: 'X', time: T0, open: 10, high: 10, low: 10, close: 10, volume: 1 },
      { symbol: 'X', time: T0 + 60_000, open: 7, high: 7, low: 7, close: 7, volume: 1 },
      { symbol: 'X', time: T0 + day, open: 7, high: 7, low: 7, close: 7, volume: 1 },
    ];
    await run.run(feed);
    const states = events.filter((e) => e.type === 'risk_state');
    expect(states).toEqual([
      expect.objectContaining({ from: 'ACTIVE', to: 'REDUCING', rule: 'max_daily_loss', limit: '100', value: '150', time: T0 + 60_000 }),
      expect.objectContaining({ from: 'REDUCING', to: 'ACTIVE', rule: 'max_daily_loss', detail: 'new trading day 2024-01-02', time: T0 + day }),
    ]);
  });

  it('snapshots and resumes: same ids sequence, state, account, open orders; past bars only warm history', async () => {
    const calls: string[] = [];
    const make = (): Strategy => ({
      params: { qty: 1 },
      onInit(ctx) {
        calls.push('init');
        ctx.state.bars = 0;
      },
      onBar(ctx, bar) {
        ctx.state.bars = (ctx.state.bars as number) + 1;
        calls.push(`bar ${bar.close} history ${ctx.history(bar.symbol, 'close', 5).join(',')}`);
        if (bar.close === 2) ctx.order(bar.symbol, 1);
        if (bar.close === 3) ctx.order(bar.symbol, 1, { limitPrice: 1 });
        if (bar.close === 5) ctx.order(bar.symbol, -1);
      },
    });
    const all = bars([1, 2, 3, 4, 5]);
    const first = new EngineRun({ runId: 'p', strategy: make(), broker: new CloseBroker(), symbols: ['X'], capital: 100 });
    await first.start();
    for (const b of all.slice(0, 3)) first.processBar(b);
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snap).toMatchObject({ runId: 'p', orderSeq: 2, lastBarTime: all[2]!.time, barsProcessed: 3, strategyState: { bars: 3 } });
    expect(snap.openOrders.map((o: { clientOrderId: string }) => o.clientOrderId)).toEqual(['p-2']);
    calls.length = 0;

    const broker = new CloseBroker();
    const resumed = new EngineRun({ runId: 'p', strategy: make(), broker, symbols: ['X'], capital: 999, restore: snap });
    const result = await resumed.run(all);
    expect(calls).toEqual(['bar 4 history 1,2,3,4', 'bar 5 history 1,2,3,4,5']);
    expect(broker.restored?.cash.toString()).toBe('98');
    expect(broker.restored?.openOrders.map((o) => o.clientOrderId)).toEqual(['p-2']);
    expect(result.fills.map((f) => f.clientOrderId)).toEqual(['p-3']);
    expect(resumed.snapshot()).toMatchObject({ orderSeq: 3, barsProcessed: 5, strategyState: { bars: 5 }, capital: '100' });
    expect(result.finalEquity.toString()).toBe('103'); // 100 - 2 + 5
  });

  it('warms a fresh run up: bars through warmUpThrough only fill history, the first later bar trades on it', async () => {
    const calls: string[] = [];
    const broker = new CloseBroker();
    const all = bars([1, 2, 3, 4, 5]);
    const run = new EngineRun({
      runId: 'w',
      strategy: {
        onBar(ctx, bar) {
          calls.push(`bar ${bar.close} history ${ctx.history(bar.symbol, 'close', 5).join(',')}`);
          ctx.orderTarget(bar.symbol, 1);
        },
      },
      broker,
      symbols: ['X'],
      capital: 100,
      warmUpThrough: all[2]!.time,
    });
    const result = await run.run(all);
    expect(calls).toEqual(['bar 4 history 1,2,3,4', 'bar 5 history 1,2,3,4,5']);
    expect(result.bars).toBe(2);
    // Nothing was bought during the warm-up: the one buy fills at the first live bar's close.
    expect(result.fills.map((f) => f.price.toString())).toEqual(['4']);
    expect(run.snapshot().lastBarTime).toBe(all[4]!.time);
    expect(() => new EngineRun({ strategy: { onBar() {} }, broker: new CloseBroker(), symbols: ['X'], capital: 1, warmUpThrough: Number.NaN })).toThrow(
      EngineInputError,
    );
  });

  it('refuses a damaged snapshot and bars out of time order as input errors', async () => {
    const strategy: Strategy = { onBar() {} };
    expect(() => new EngineRun({ strategy, broker: new CloseBroker(), symbols: ['X'], capital: 1, restore: { version: 1 } })).toThrow(EngineInputError);
    const run = new EngineRun({ strategy, broker: new CloseBroker(), symbols: ['X'], capital: 1 });
    await expect(run.run([...bars([1, 2]).reverse()])).rejects.toThrow(/Bars must be in time order/);
  });

  it('runs twice in one process without sharing anything', async () => {
    const strategy: Strategy = {
      onBar(ctx, bar) {
        ctx.orderTarget(bar.symbol, bar.close > 10 ? 1 : 0);
      },
    };
    const feed = bars([9, 11, 12, 8, 13, 7]);
    const a = await new EngineRun({ runId: 'a', strategy, broker: new CloseBroker(), symbols: ['X'], capital: 100 }).run(feed);
    const b = await new EngineRun({ runId: 'a', strategy, broker: new CloseBroker(), symbols: ['X'], capital: 100 }).run(feed);
    const timeless = (r: typeof a) => JSON.stringify({ ...r, elapsedMs: 0 });
    expect(timeless(b)).toBe(timeless(a));
    expect(a.trades.map((t) => [t.entryPrice.toString(), t.exitPrice.toString(), t.pnl.toString()])).toEqual([
      ['11', '8', '-3'],
      ['13', '7', '-6'],
    ]);
  });

  it('consumes an Observable until stop() and ends the event stream', async () => {
    const feed = new Subject<Bar>();
    const run = new EngineRun({ strategy: { onBar() {} }, broker: new CloseBroker(), symbols: ['X'], capital: 100 });
    const types: string[] = [];
    let completed = false;
    run.events$.subscribe({ next: (e) => types.push(e.type), complete: () => (completed = true) });
    const done = run.run(feed);
    await new Promise((r) => setTimeout(r, 0));
    for (const b of bars([1, 2])) feed.next(b);
    const result = await run.stop('signal');
    expect((await done).stopReason).toBe('signal');
    expect(result.bars).toBe(2);
    expect(types.filter((t) => t === 'bar')).toHaveLength(2);
    expect(types.at(-1)).toBe('run_stopped');
    expect(completed).toBe(true);
  });

  it('keeps a bounded equity curve on long runs and exact stats', async () => {
    const closes = Array.from({ length: 5000 }, (_, i) => 100 + Math.sin(i / 50) * 10);
    const run = new EngineRun({
      strategy: { onBar: (ctx, bar) => void ctx.orderTarget(bar.symbol, 1) },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1000,
      equityPoints: 100,
    });
    const result = await run.run(bars(closes));
    expect(result.equity.length).toBeLessThanOrEqual(101);
    expect(result.equity.at(-1)?.time).toBe(T0 + 4999 * 60_000);
    expect(result.equity.at(-1)?.equity.toString()).toBe(result.finalEquity.toString());
    expect(result.stats.exposure).toBe(1);
    // Peak 1010 (close 110 at the top of the sine) to trough 990: 20 / 1010.
    expect(result.stats.maxDrawdown).toBeCloseTo(20 / 1010, 3);
  });

  it("keeps no fills, trades or curve with retain 'state', and is otherwise the same run", async () => {
    // Long, short and flat in turn: closed trades, reversals and many fills.
    const closes = Array.from({ length: 3000 }, (_, i) => 100 + Math.sin(i / 40) * 10);
    const strategy = (): Strategy => ({ onBar: (ctx, bar) => void ctx.orderTarget(bar.symbol, Math.round(Math.sin(bar.time / 3_000_000) * 2)) });
    const runOf = (retain?: 'results' | 'state') => {
      const run = new EngineRun({
        strategy: strategy(),
        broker: new CloseBroker(),
        symbols: ['X'],
        capital: 100_000,
        equityPoints: 50,
        ...(retain ? { retain } : {}),
      });
      const events: string[] = [];
      run.events$.subscribe((e) => {
        if (e.type !== 'bar') events.push(JSON.stringify(e));
      });
      return { run, events };
    };
    const full = runOf();
    const lean = runOf('state');
    const a = await full.run.run(bars(closes));
    const b = await lean.run.run(bars(closes));
    expect(a.retained).toBe('results');
    expect(a.fills.length).toBeGreaterThan(50);
    expect(a.trades.length).toBeGreaterThan(10);
    expect(a.equity.length).toBeGreaterThan(0);
    expect(b).toMatchObject({ retained: 'state', fills: [], trades: [], equity: [] });
    // Same events (equity samples at the same bars included), figures and snapshot.
    expect(lean.events).toEqual(full.events);
    expect(b.finalEquity.toString()).toBe(a.finalEquity.toString());
    expect(b.stats).toEqual(a.stats);
    expect(lean.run.snapshot()).toEqual(full.run.snapshot());
    expect(() => new EngineRun({ strategy: strategy(), broker: new CloseBroker(), symbols: ['X'], capital: 1, retain: 'all' as 'state' })).toThrow(
      /retain must be 'results' or 'state'/,
    );
  });
});

describe('EngineRun failures', () => {
  it('names the strategy hook and time when strategy code throws, and stops the run', async () => {
    const events: string[] = [];
    const run = new EngineRun({
      strategy: {
        onBar(_ctx, bar) {
          if (bar.close === 2) throw new Error('boom');
        },
      },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1,
    });
    run.events$.subscribe({ next: (e) => events.push(e.type) });
    const err = await run.run(bars([1, 2, 3])).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'StrategyError',
      exitCode: 2,
      hook: 'onBar',
      message: 'strategy onBar failed at 2024-01-01T00:01:00.000Z: boom. Fix the strategy or its --param values',
    });
    expect(events.at(-1)).toBe('run_stopped');
    const init = new EngineRun({
      strategy: {
        onInit: () => {
          throw new Error('bad params');
        },
        onBar() {},
      },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1,
    });
    await expect(init.run(bars([1]))).rejects.toThrow(/^strategy onInit failed.*: bad params\. Fix/);
  });

  it('stops without acknowledging when the journal throws', async () => {
    const fills: string[] = [];
    const run = new EngineRun({
      strategy: { onBar: (ctx, bar) => void ctx.orderTarget(bar.symbol, 1), onFill: (_c, f) => void fills.push(f.fillId) },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 100,
      journal: (e) => {
        if (e.type === 'order_filled') throw new Error('disk full');
      },
    });
    await expect(run.run(bars([1, 2]))).rejects.toMatchObject({ name: 'JournalError', message: 'journal failed: disk full' });
    expect(fills).toEqual([]);
  });
});

describe('EngineRun live failures', () => {
  it('rejects run() when a bar from an Observable makes the strategy throw', async () => {
    const feed = new Subject<Bar>();
    const run = new EngineRun({
      strategy: {
        onBar: () => {
          throw new Error('live boom');
        },
      },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 1,
    });
    const done = run.run(feed);
    await new Promise((r) => setTimeout(r, 0));
    feed.next(bars([1])[0]!);
    await expect(done).rejects.toThrow(/live boom/);
  });
});

describe('EngineRun restore (fuzz)', () => {
  it('accepts a valid snapshot and refuses anything else with an input error, never a crash', async () => {
    const { default: fc } = await import('fast-check');
    const run = new EngineRun({
      runId: 'f',
      strategy: { onBar: (ctx, bar) => void ctx.orderTarget(bar.symbol, 1) },
      broker: new CloseBroker(),
      symbols: ['X'],
      capital: 100,
    });
    await run.start();
    for (const b of bars([1, 2, 3])) run.processBar(b);
    const good = JSON.parse(JSON.stringify(run.snapshot())) as Record<string, unknown>;
    const make = (restore: unknown) =>
      new EngineRun({ runId: 'f', strategy: { onBar() {} }, broker: new CloseBroker(), symbols: ['X'], capital: 100, restore });
    expect(make(good).snapshot()).toEqual(good);
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(good)), fc.jsonValue(), (key, value) => {
        try {
          make({ ...good, [key]: value });
        } catch (err) {
          expect(err).toBeInstanceOf(EngineInputError);
          expect((err as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => make(value)).toThrow(EngineInputError);
      }),
      { numRuns: 200 },
    );
  });
});
