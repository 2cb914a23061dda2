import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSim } from '../src/index';
import { bybitClient, errorOf } from './clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ dialect: 'bybit', seed: 7 });
});
afterEach(() => sim.close());

describe('Bybit v5 dialect through the real ccxt client', () => {
  it('lists markets, time, ticker and klines (oldest first after ccxt reorders them)', async () => {
    const ex = bybitClient(sim.url);
    await ex.loadMarkets();
    expect(Object.keys(ex.markets ?? {})).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'ETH/BTC']);
    expect(Math.abs(((await ex.fetchTime()) as number) - Date.now())).toBeLessThan(1000);
    const t = await ex.fetchTicker('ETH/USDT');
    expect(t.bid as number).toBeLessThan(t.ask as number);
    const since = Date.UTC(2024, 0, 1);
    const bars = await ex.fetchOHLCV('BTC/USDT', '15m', since, 4);
    expect(bars.map((b) => b[0])).toEqual([0, 1, 2, 3].map((i) => since + i * 900_000));
  });

  it('serves the same seeded prices as the Binance dialect', async () => {
    const since = Date.UTC(2024, 2, 1);
    const both = await startExchangeSim({ seed: 7 });
    try {
      const { binanceClient } = await import('./clients');
      const a = await binanceClient(both.url).fetchOHLCV('BTC/USDT', '1h', since, 3);
      const b = await bybitClient(both.url).fetchOHLCV('BTC/USDT', '1h', since, 3);
      expect(b.map((x) => x.slice(0, 5))).toEqual(a.map((x) => x.slice(0, 5)));
    } finally {
      await both.close();
    }
  });

  it('creates, queries by order link id, fills, lists executions and cancels', async () => {
    const ex = bybitClient(sim.url);
    await ex.loadMarkets();
    sim.setPrice('BTCUSDT', '50000');
    const m = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'm-1' });
    expect(m).toMatchObject({ id: '1000', clientOrderId: 'm-1' });
    const byLink = await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { acknowledged: true, orderLinkId: 'm-1' });
    expect(byLink).toMatchObject({ id: '1000', status: 'closed', filled: 0.01 });
    const l = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49000, { clientOrderId: 'l-1' });
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o) => o.id)).toEqual([String(l.id)]);
    sim.setPrice('BTCUSDT', '48000');
    expect((await ex.fetchOrder(String(l.id), 'BTC/USDT', { acknowledged: true })).status).toBe('closed');
    const trades = await ex.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: String(l.id) });
    expect(trades.map((t) => [t.price, t.amount, t.fee?.cost])).toEqual([[49000, 0.01, 0.00001]]);
    const s = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 90000);
    await ex.cancelOrder(String(s.id), 'BTC/USDT');
    expect(await ex.fetchOpenOrders('BTC/USDT')).toHaveLength(0);
    expect(await errorOf(ex.cancelOrder(String(s.id), 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'm-1' }))).toBeInstanceOf(ccxt.InvalidOrder);
    const balance = await ex.fetchBalance();
    expect(balance['BTC']?.total).toBeCloseTo(1.01998, 8);
  });

  it('signs and checks the recvWindow, and reports API key permissions', async () => {
    const bad = bybitClient(sim.url, { apiKey: 'sim-key', secret: 'wrong' });
    await bad.loadMarkets();
    expect(await errorOf(bad.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    const ex = bybitClient(sim.url);
    await ex.loadMarkets();
    sim.setClockOffset(60_000);
    expect(await errorOf(ex.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
    sim.setClockOffset(0);
    const api = (
      await (
        ex as unknown as { privateGetV5UserQueryApi: () => Promise<{ result: { readOnly: number; permissions: Record<string, string[]> } }> }
      ).privateGetV5UserQueryApi()
    ).result;
    expect(api.readOnly).toBe(0);
    expect(api.permissions['Wallet']).not.toContain('Withdraw');
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'sell', 100))).toBeInstanceOf(ccxt.InsufficientFunds);
  });
});
