import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CcxtBroker } from '@rustybt/brokers';
import { Decimal } from '@rustybt/engine';
import { startExchangeSim, type ExchangeSim } from '@rustybt/exchange-sim';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store';
import { PROCESS_TEST_TIMEOUT_MS, readEvents, startRunner, until, type RunnerProcess } from './support/runner-process';

const BUY_ONCE = fileURLToPath(new URL('./fixtures/buy-once.ts', import.meta.url));
const BUY_LIMIT_ONCE = fileURLToPath(new URL('./fixtures/buy-limit-once.ts', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-venue-'));
const env = { RUSTYBT_HOME: home, BINANCE_API_KEY: 'sim-key', BINANCE_API_SECRET: 'sim-secret', BYBIT_API_KEY: 'sim-key', BYBIT_API_SECRET: 'sim-secret' };
const DRIFT = { apiKey: 'drift-key', secret: 'drift-secret' };
let sim: ExchangeSim;
const running = new Set<RunnerProcess>();

beforeAll(async () => {
  // The drift test trades its own account: what it does by hand must not concern the other sessions.
  sim = await startExchangeSim({ port: 0, seed: 7, dialect: 'both', accounts: [{ apiKey: 'sim-key', secret: 'sim-secret' }, DRIFT] });
});
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  await sim.close();
  rmSync(home, { recursive: true, force: true });
});

function start(session: string, extra: string[] = [], venue = 'binance', account: Record<string, string> = {}, strategy = BUY_ONCE): RunnerProcess {
  const run = startRunner(
    [
      '--strategy',
      strategy,
      '--broker',
      venue,
      '--api-url',
      sim.url,
      '--symbol',
      'BTC/USDT',
      '--session',
      session,
      '--heartbeat',
      '200ms',
      '--log-dir',
      join(home, `logs-${session}`),
      ...extra,
    ],
    { ...env, ...account },
  );
  running.add(run);
  return run;
}

const driftEnv = { BINANCE_API_KEY: DRIFT.apiKey, BINANCE_API_SECRET: DRIFT.secret };
const venueOrders = (clientOrderId: string) => sim.orders().filter((o) => o.clientOrderId === clientOrderId);

function localState(session: string) {
  const store = StateStore.open(join(home, 'state', `${session}.db`));
  try {
    return { orders: store.orders(), fills: store.fills(), positions: store.positions(), cash: store.cash(), meta: store.meta() };
  } finally {
    store.close();
  }
}

async function stop(run: RunnerProcess) {
  run.child.kill('SIGTERM');
  const r = await run.exited;
  running.delete(run);
  return r;
}

// Each test starts two to four runners (12.5 s for the longest on an idle machine): 20 s timed out
// on a loaded CI box. The waits below are on events; this budget only fails a hang.
describe('the runner at a venue (exchange-sim through ccxt)', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('the runner bin refuses real money without --live, and --live without explicit limits: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^error: --broker binance without --testnet or --api-url would trade real money at binance\./],
      [['--live'], /^error: live trading needs explicit risk limits; missing maxNotionalPerOrder, maxDailyLoss\./],
      [['--live', '--max-notional-per-order', '100', '--max-daily-loss', 'lots'], /^error: bad risk limit maxDailyLoss: /],
    ];
    for (const [flags, message] of cases) {
      const run = startRunner(['--strategy', BUY_ONCE, '--broker', 'binance', '--session', 'refused', ...flags], env);
      const r = await run.exited;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(sim.orders().filter((o) => o.clientOrderId.startsWith('refused-'))).toHaveLength(0);
  });

  it('the runner bin with --live (or --require-validation) passes the go-live gate first: no passing validation, exit 1 and one line, nothing placed', async () => {
    const gated = mkdtempSync(join(tmpdir(), 'rustybt-gated-'));
    try {
      mkdirSync(join(gated, 'config'), { mode: 0o700 });
      writeFileSync(join(gated, 'config', 'config.yaml'), 'validation:\n  required: true\n', { mode: 0o600 });
      // --api-url points at the sim: were the gate to let it through, no real venue is reached.
      const live = ['--live', '--max-notional-per-order', '100', '--max-daily-loss', '0.05', '--api-url', sim.url];
      for (const [home2, extra] of [
        [gated, live],
        [home, [...live, '--require-validation']],
        // Asked for by flag, the gate holds a rehearsal too.
        [home, ['--api-url', sim.url, '--require-validation']],
      ] as const) {
        const run = startRunner(['--strategy', BUY_ONCE, '--broker', 'binance', '--session', 'gated', ...extra], { ...env, RUSTYBT_HOME: home2 });
        const r = await run.exited;
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^error: go-live gate: no validation result in .*latest\.json\. Run 'rustybt validate --strategy /);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(sim.orders().filter((o) => o.clientOrderId.startsWith('gated-'))).toHaveLength(0);
      expect(existsSync(join(gated, 'state', 'gated.db'))).toBe(false);
    } finally {
      rmSync(gated, { recursive: true, force: true });
    }
  });

  it('a new venue session refuses a capital the account does not have free, and leaves no state file', async () => {
    const run = start('toorich', ['--capital', '1000000']);
    const r = await run.exited;
    running.delete(run);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --capital 1000000 is more than the [\d.]+ USDT free at binance\. Lower --capital or fund the account$/m);
    expect(existsSync(join(home, 'state', 'toorich.db'))).toBe(false);
  });

  it('Bybit: rides out a failed bar poll, places and fills an order, logs mode live', async () => {
    sim.inject({ kind: 'server_error', path: '/v5/market/kline', times: 1 });
    const run = start('bybit1', [], 'bybit');
    await run.url;
    await until('the order filled at the venue', () => venueOrders('bybit1-1').some((o) => o.status === 'FILLED'));
    await until('the fill in the log', () => readEvents(join(home, 'logs-bybit1')).some((e) => e.event === 'order_filled'));
    expect((await stop(run)).code).toBe(0);
    const events = readEvents(join(home, 'logs-bybit1'));
    expect(events[0]).toMatchObject({ event: 'session_start', broker: 'bybit', mode: 'live' });
    expect(events.find((e) => e.event === 'error')).toMatchObject({
      level: 'warn',
      error_type: 'FeedError',
      message: expect.stringMatching(/^ccxt:bybit BTC\/USDT: .*reconnecting in 1000 ms \(attempt 1\)$/),
    });
    expect(localState('bybit1').orders).toMatchObject([{ client_order_id: 'bybit1-1', status: 'filled', filled_quantity: '0.01' }]);
  });

  it('places and fills an order at the venue, logs mode live, and a restart agrees with the venue', async () => {
    const run = start('venue1');
    await run.url;
    const [order] = await until(
      'the order filled at the venue',
      () => venueOrders('venue1-1').filter((o) => o.status === 'FILLED').length === 1 && venueOrders('venue1-1'),
    );
    expect(order).toMatchObject({ symbol: 'BTCUSDT', side: 'BUY' });
    await until('the fill in the log', () => readEvents(join(home, 'logs-venue1')).some((e) => e.event === 'order_filled'));
    const r = await stop(run);
    expect(r.code).toBe(0);
    const events = readEvents(join(home, 'logs-venue1'));
    expect(events[0]).toMatchObject({ event: 'session_start', broker: 'binance', mode: 'live', resumed: false });
    expect(events.find((e) => e.event === 'order_submitted')).toMatchObject({ client_order_id: 'venue1-1', symbol: 'BTC/USDT', side: 'buy', qty: '0.01' });
    const local = localState('venue1');
    expect(local.orders).toMatchObject([{ client_order_id: 'venue1-1', status: 'filled', filled_quantity: '0.01' }]);
    expect(local.positions).toMatchObject([{ symbol: 'BTC/USDT', quantity: '0.01' }]);
    expect(local.cash).toMatchObject([{ asset: 'USDT' }]);

    const again = start('venue1');
    await again.url;
    expect(again.stderr()).toMatch(/reconcile: binance agrees with the session/);
    expect((await stop(again)).code).toBe(0);
    expect(venueOrders('venue1-1')).toHaveLength(1);
    expect(sim.orders().filter((o) => o.clientOrderId.startsWith('venue1-'))).toHaveLength(1);
  });

  it('stops with exit 1 and a one-line report when the venue disagrees (trades and an open order made by hand)', async () => {
    const run = start('drift', [], 'binance', driftEnv);
    await run.url;
    await until('the session order', () => venueOrders('drift-1').some((o) => o.status === 'FILLED'));
    await until('the fill committed', () => readEvents(join(home, 'logs-drift')).some((e) => e.event === 'order_filled'));
    expect((await stop(run)).code).toBe(0);

    // Someone trades the account outside the session: 0.5 BTC bought by hand.
    const outside = new CcxtBroker({ exchangeId: 'binance', apiUrl: sim.url, credentials: DRIFT, pollIntervalMs: 50 });
    await outside.connect();
    const filled = firstValueFrom(outside.events$.pipe(filter((e) => e.type === 'order_filled')));
    outside.submit({
      clientOrderId: 'by-hand-1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      quantity: new Decimal('0.5'),
      timeInForce: 'GTC',
      createdAt: Date.now(),
    });
    await filled;
    // And leaves a buy order resting far below the market.
    const accepted = firstValueFrom(outside.events$.pipe(filter((e) => e.type === 'order_accepted')));
    outside.submit({
      clientOrderId: 'by-hand-2',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      limitPrice: new Decimal(1000),
      quantity: new Decimal('0.01'),
      timeInForce: 'GTC',
      createdAt: Date.now(),
    });
    await accepted;
    await outside.close();

    const refused = start('drift', [], 'binance', driftEnv);
    const r = await refused.exited;
    running.delete(refused);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: the session and binance disagree: BTC balance: [\d.]+ \(position 0\.01\) expected, [\d.]+ at binance; USDT balance: [\d.]+ \(cash [\d.]+\) expected, [\d.]+ at binance; open orders: 0 open here expected, not ours: by-hand-2 at binance\. Check the account; restart with --reconcile=adopt-venue to take binance's view$/m,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(localState('drift').positions).toMatchObject([{ quantity: '0.01' }]);
  });

  it('--reconcile adopt-venue takes the venue view (the account of the test above), and a restart then agrees', async () => {
    const adopt = start('drift', ['--reconcile', 'adopt-venue'], 'binance', driftEnv);
    await adopt.url;
    expect(adopt.stderr()).toMatch(/reconcile: adopting binance's view/);
    expect(adopt.stderr()).toMatch(/reconcile: position BTC\/USDT 0\.01 -> 0\.50\d*/);
    expect(adopt.stderr()).toMatch(/reconcile: now tracking 1 open order\(s\) placed outside the session: by-hand-2/);
    expect((await stop(adopt)).code).toBe(0);
    const position = new Decimal(localState('drift').positions[0]!.quantity);
    expect(position.gt('0.5') && position.lt('0.52')).toBe(true);
    expect(localState('drift').orders.map((o) => [o.client_order_id, o.status])).toEqual([
      ['drift-1', 'filled'],
      ['by-hand-2', 'accepted'],
    ]);
    // Adopted, it is the session's own now: a restart agrees with the venue.
    const again = start('drift', [], 'binance', driftEnv);
    await again.url;
    expect(again.stderr()).toMatch(/reconcile: binance agrees with the session/);
    expect((await stop(again)).code).toBe(0);
  });

  it.each([
    ['the request never reached the venue', 'lost', { kind: 'drop', path: '/api/v3/order', method: 'POST', when: 'before', times: 1000 }],
    [
      'the venue took it but the answer was lost',
      'unanswered',
      { kind: 'slow', path: '/api/v3/order', method: 'POST', when: 'after', delayMs: 20_000, times: 1 },
    ],
  ] as const)('kill -9 after an order was committed (%s), restart: exactly one order at the venue', async (_label, session, fault) => {
    sim.inject({ ...fault });
    const run = start(session);
    await run.url;
    await until('the order committed', () => readEvents(join(home, `logs-${session}`)).some((e) => e.event === 'order_submitted'));
    if (session === 'unanswered') await until('the venue to hold it', () => venueOrders(`${session}-1`).length === 1);
    run.child.kill('SIGKILL');
    await run.exited;
    running.delete(run);
    sim.clearFaults();
    expect(venueOrders(`${session}-1`)).toHaveLength(session === 'lost' ? 0 : 1);

    const again = start(session);
    await again.url;
    await until('the fill in the state file', () => readEvents(join(home, `logs-${session}`)).some((e) => e.event === 'order_filled'));
    expect((await stop(again)).code).toBe(0);
    expect(venueOrders(`${session}-1`)).toHaveLength(1);
    expect(sim.orders().filter((o) => o.clientOrderId.startsWith(`${session}-`))).toHaveLength(1);
    const local = localState(session);
    expect(local.orders).toMatchObject([{ client_order_id: `${session}-1`, status: 'filled' }]);
    expect(local.fills).toHaveLength(1);
    if (session === 'lost') expect(again.stderr()).toMatch(/never reached binance, sending them now: lost-1/);
  });
  it('a submit whose answer stalls mid-body is unknown, never rejected: the state keeps it across a kill -9 and the restart finds it by client order id', async () => {
    const session = 'indoubt';
    const log = join(home, `logs-${session}`);
    // The venue books the order, then its answer stalls after the headers; asking about the order
    // fails (the order itself and the open orders; connect's own open-orders query gets through).
    sim.inject({ kind: 'slow_body', path: '/api/v3/order', method: 'POST', delayMs: 120_000, times: 1 });
    sim.inject({ kind: 'server_error', path: '/api/v3/order', method: 'GET', times: 100_000 });
    sim.inject({ kind: 'server_error', path: '/api/v3/openOrders', skip: 1, times: 100_000 });
    const run = start(session, ['--timeout', '1000']);
    await run.url;
    const unknown = await until('the unknown outcome in the log', () =>
      readEvents(log).find((e) => e.event === 'error' && e.error_type === 'OrderOutcomeUnknown'),
    );
    expect(unknown).toMatchObject({
      level: 'error',
      message: expect.stringMatching(new RegExp(`^submit: ${session}-1: .*looking it up at binance by client order id$`)),
    });
    run.child.kill('SIGKILL');
    await run.exited;
    running.delete(run);
    sim.clearFaults();
    expect(venueOrders(`${session}-1`)).toHaveLength(1);
    expect(localState(session).orders).toMatchObject([{ client_order_id: `${session}-1`, status: 'unknown' }]);

    const again = start(session, ['--timeout', '1000']);
    await again.url;
    await until('the fill in the log', () => readEvents(log).some((e) => e.event === 'order_filled'));
    expect((await stop(again)).code).toBe(0);
    expect(sim.orders().filter((o) => o.clientOrderId.startsWith(`${session}-`))).toHaveLength(1);
    const local = localState(session);
    expect(local.orders).toMatchObject([{ client_order_id: `${session}-1`, status: 'filled', filled_quantity: '0.01' }]);
    expect(local.fills).toHaveLength(1);
    const events = readEvents(log);
    expect(events.filter((e) => e.event === 'order_filled')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'order_rejected')).toEqual([]);
  });

  it('a limit order filling in parts across a kill -9: the restart counts every venue trade once and agrees with the venue', async () => {
    const session = 'partial';
    const log = join(home, `logs-${session}`);
    const filledQty = () =>
      readEvents(log)
        .filter((e) => e.event === 'order_filled' && e.client_order_id === `${session}-1`)
        .reduce((sum, e) => sum.add(String(e.qty)), new Decimal(0));
    // 0.01 BTC at the touch per venue request: the 0.05 order fills in five parts while the price crosses it.
    sim.setPrice('BTCUSDT', '50000');
    sim.setDepth('BTCUSDT', '0.01');
    try {
      const run = start(session, [], 'binance', {}, BUY_LIMIT_ONCE);
      await run.url;
      await until('the order resting at the venue', () => venueOrders(`${session}-1`).some((o) => o.status === 'NEW'));
      sim.setPrice('BTCUSDT', '48000');
      await until('a first part in the log', () => filledQty().gt(0));
      sim.setPrice('BTCUSDT', '50000');
      // Off the price now, the order fills no further: kill once the log holds every part the venue
      // filled. A fill committed but still in the log's buffer would go down with the kill -9 and
      // the log would never reach 0.05 (seen on a loaded machine).
      await until('the log to hold every part filled so far', () => filledQty().eq(venueOrders(`${session}-1`)[0]!.executedQty.toString()));
      run.child.kill('SIGKILL');
      await run.exited;
      running.delete(run);
      const atKill = localState(session).orders[0]!;
      expect(atKill.status).toBe('partially_filled');
      expect(new Decimal(atKill.filled_quantity).lt('0.05')).toBe(true);

      // While the session is down the rest fills at the venue.
      sim.setPrice('BTCUSDT', '48000');
      const peek = new CcxtBroker({ exchangeId: 'binance', apiUrl: sim.url, credentials: { apiKey: 'sim-key', secret: 'sim-secret' } });
      const orderId = venueOrders(`${session}-1`)[0]!.orderId;
      await peek.connect();
      for (let i = 0; i < 10 && venueOrders(`${session}-1`)[0]!.status !== 'FILLED'; i++) await peek.exchange.fetchOrder(orderId, 'BTC/USDT');
      await peek.close();
      expect(venueOrders(`${session}-1`)[0]).toMatchObject({ status: 'FILLED' });
      const trades = venueOrders(`${session}-1`)[0]!.trades;
      expect(trades).toHaveLength(5);

      const again = start(session, [], 'binance', {}, BUY_LIMIT_ONCE);
      await again.url;
      expect(again.stderr()).toMatch(/reconcile: binance agrees with the session/);
      await until('every part in the log', () => filledQty().eq('0.05')).catch((e: unknown) => {
        // What the runner saw, for a failure in CI where nobody can look at the files.
        console.error(
          `runner stderr:\n${again.stderr()}\nlog:\n${readEvents(log)
            .filter((x) => x.event !== 'heartbeat')
            .map((x) => JSON.stringify(x))
            .join('\n')}`,
        );
        throw e;
      });
      expect((await stop(again)).code).toBe(0);
      const local = localState(session);
      expect(local.orders).toMatchObject([{ client_order_id: `${session}-1`, status: 'filled', filled_quantity: '0.05' }]);
      expect(local.fills).toHaveLength(5);
      expect(new Set(local.fills.map((f) => f.fill_id)).size).toBe(5);
      expect(local.fills.reduce((sum, f) => sum.add(f.quantity), new Decimal(0)).toFixed()).toBe('0.05');
      expect(filledQty().toFixed()).toBe('0.05');

      // And the books agree: a further restart finds nothing to reconcile.
      const third = start(session, [], 'binance', {}, BUY_LIMIT_ONCE);
      await third.url;
      expect(third.stderr()).toMatch(/reconcile: binance agrees with the session/);
      expect((await stop(third)).code).toBe(0);
      expect(localState(session).fills).toHaveLength(5);
    } finally {
      sim.setDepth('BTCUSDT', undefined);
      sim.setPrice('BTCUSDT', undefined);
    }
  });
});
