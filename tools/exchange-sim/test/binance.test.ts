import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSim } from '../src/index';
import { binanceClient, errorOf } from './clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ dialect: 'binance', seed: 7 });
});
afterEach(() => sim.close());

describe('Binance dialect through the real ccxt client', () => {
  it('lists markets, time, ticker and klines', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    expect(Object.keys(ex.markets ?? {})).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'ETH/BTC']);
    expect(ex.markets?.['BTC/USDT']?.limits.amount?.min).toBe(0.00001);
    expect(Math.abs(((await ex.fetchTime()) as number) - Date.now())).toBeLessThan(1000);
    const t = await ex.fetchTicker('BTC/USDT');
    expect(t.bid as number).toBeLessThan(t.ask as number);
    const since = Date.UTC(2024, 0, 1);
    const bars = await ex.fetchOHLCV('BTC/USDT', '1h', since, 5);
    expect(bars.map((b) => b[0])).toEqual([0, 1, 2, 3, 4].map((i) => since + i * 3_600_000));
    for (const [, o, h, l, c] of bars) {
      expect(Math.min(o as number, c as number)).toBeGreaterThanOrEqual(l as number);
      expect(Math.max(o as number, c as number)).toBeLessThanOrEqual(h as number);
    }
  });

  it('gives the same bars for the same seed and different bars for another seed', async () => {
    const other = await startExchangeSim({ dialect: 'binance', seed: 8 });
    const same = await startExchangeSim({ dialect: 'binance', seed: 7 });
    try {
      const since = Date.UTC(2024, 5, 1);
      const fetch = (s: ExchangeSim) => binanceClient(s.url).fetchOHLCV('ETH/USDT', '1d', since, 10);
      expect(await fetch(same)).toEqual(await fetch(sim));
      expect(await fetch(other)).not.toEqual(await fetch(sim));
    } finally {
      await other.close();
      await same.close();
    }
  });

  it('fills a market order at once with fees, and a resting limit order when the price crosses it', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    sim.setPrice('BTCUSDT', '50000');
    const m = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'm-1' });
    expect(m).toMatchObject({ status: 'closed', filled: 0.01, clientOrderId: 'm-1' });
    expect(m.trades).toHaveLength(1);
    const limit = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49000, { clientOrderId: 'l-1' });
    expect(limit.status).toBe('open');
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o) => o.id)).toEqual([String(limit.id)]);
    let balance = await ex.fetchBalance();
    expect(balance['USDT']?.used).toBe(490);
    sim.setPrice('BTCUSDT', '48000');
    const filled = await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'l-1' });
    expect(filled).toMatchObject({ status: 'closed', average: 49000 });
    const trades = await ex.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: String(limit.id) });
    expect(trades.map((t) => [t.price, t.amount, t.fee?.cost, t.fee?.currency])).toEqual([[49000, 0.01, 0.00001, 'BTC']]);
    balance = await ex.fetchBalance();
    expect(balance['USDT']?.used).toBe(0);
    expect(balance['BTC']?.total).toBeCloseTo(1.01998, 8);
  });

  it('with a depth set, fills a crossing limit order in parts, one per request, each part a trade', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    sim.setPrice('BTCUSDT', '50000');
    sim.setDepth('BTCUSDT', '0.01');
    const o = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.03, 51000, { clientOrderId: 'p-1' });
    expect(o).toMatchObject({ status: 'open', filled: 0.01, remaining: 0.02 });
    const second = await ex.fetchOrder(String(o.id), 'BTC/USDT');
    expect(second).toMatchObject({ status: 'open', filled: 0.02 });
    const third = await ex.fetchOrder(String(o.id), 'BTC/USDT');
    expect(third).toMatchObject({ status: 'closed', filled: 0.03 });
    const trades = await ex.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: String(o.id) });
    expect(trades.map((t) => t.amount)).toEqual([0.01, 0.01, 0.01]);
    expect(new Set(trades.map((t) => t.id)).size).toBe(3);
    // The buyer paid the ask for each part and holds none of the order's reserve any more.
    const balance = await ex.fetchBalance();
    expect(balance['USDT']?.used).toBe(0);
    // An IOC order takes what rests at the touch and the venue cancels the rest.
    const ioc = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.03, 51000, { clientOrderId: 'p-2', timeInForce: 'IOC' });
    expect(ioc).toMatchObject({ status: 'canceled', filled: 0.01 });
    sim.setDepth('BTCUSDT', undefined);
    expect(await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.03, 51000, { clientOrderId: 'p-3' })).toMatchObject({ status: 'closed', filled: 0.03 });
  });

  it('cancels, answers order/test without placing, and refuses a duplicate client order id', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    const o = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.001, 90000, { clientOrderId: 'c-1' });
    expect((await ex.cancelOrder(String(o.id), 'BTC/USDT')).status).toBe('canceled');
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20000, { test: true });
    expect(sim.orders()).toHaveLength(1);
    expect(await errorOf(ex.createOrder('BTC/USDT', 'limit', 'sell', 0.001, 90000, { clientOrderId: 'c-1' }))).toBeInstanceOf(ccxt.InvalidOrder);
    expect(sim.orders()).toHaveLength(1);
    expect(await errorOf(ex.cancelOrder(String(o.id), 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(await errorOf(ex.fetchOrder('424242', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('checks balances, lot size and notional like the venue', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 100))).toBeInstanceOf(ccxt.InsufficientFunds);
    // Like the venue: a NOTIONAL filter failure (-1013) is a plain BadRequest in ccxt.
    expect(await errorOf(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.00001, 100))).toBeInstanceOf(ccxt.BadRequest);
    expect(sim.orders()).toHaveLength(0);
  });

  it('rejects a wrong secret, an unknown key and a stale timestamp', async () => {
    const bad = binanceClient(sim.url, { apiKey: 'sim-key', secret: 'wrong' });
    await bad.loadMarkets();
    expect(await errorOf(bad.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    const unknown = binanceClient(sim.url, { apiKey: 'nobody', secret: 'x' });
    await unknown.loadMarkets();
    expect(await errorOf(unknown.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    sim.setClockOffset(-30_000);
    expect(await errorOf(ex.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
    sim.setClockOffset(0);
    await ex.fetchBalance();
  });

  it('reports account permissions', async () => {
    const locked = await startExchangeSim({ dialect: 'binance', accounts: [{ apiKey: 'k', secret: 's', canTrade: false, canWithdraw: true }] });
    try {
      const ex = binanceClient(locked.url, { apiKey: 'k', secret: 's' });
      await ex.loadMarkets();
      const info = (await ex.fetchBalance()).info as { canTrade: boolean; canWithdraw: boolean };
      expect(info).toMatchObject({ canTrade: false, canWithdraw: true });
      expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001))).toBeInstanceOf(ccxt.PermissionDenied);
    } finally {
      await locked.close();
    }
  });
});
