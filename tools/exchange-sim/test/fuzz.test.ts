import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSim } from '../src/index';

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim({ seed: 1 });
});
afterAll(() => sim.close());

// Everything the emulator parses comes from outside (clients, users); none of it may crash it.
describe('outside input never breaks the emulator', () => {
  it('control endpoints answer 200 or 400 to any JSON or text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/__sim/faults', '/__sim/price', '/__sim/clock'), fc.oneof(fc.json(), fc.string()), async (path, body) => {
        const res = await fetch(`${sim.url}${path}`, { method: 'POST', body });
        expect([200, 400, 404]).toContain(res.status);
        await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
        await fetch(`${sim.url}/__sim/clock`, { method: 'POST', body: '{"offsetMs":0}' });
      }),
      { numRuns: 60 },
    );
  });

  it('venue endpoints answer a venue error, never a crash, to arbitrary queries, bodies and headers', async () => {
    const paths = [
      '/api/v3/klines',
      '/api/v3/order',
      '/api/v3/account',
      '/api/v3/exchangeInfo',
      '/api/v3/ticker/24hr',
      '/v5/market/kline',
      '/v5/order/create',
      '/v5/order/realtime',
      '/v5/market/tickers',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('GET', 'POST', 'DELETE'),
        fc.dictionary(
          fc.constantFrom(
            'symbol',
            'symbols',
            'orderId',
            'origClientOrderId',
            'interval',
            'limit',
            'startTime',
            'category',
            'timestamp',
            'signature',
            'recvWindow',
            'side',
            'qty',
          ),
          fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('BTCUSDT', '["BTCUSDT"]', '[1]', '1h', 'spot', '-1', '1e400')),
        ),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('sim-key', 'nobody', ''),
        async (path, method, params, body, key) => {
          const query = new URLSearchParams(params).toString();
          const res = await fetch(`${sim.url}${path}?${query}`, {
            method,
            headers: { 'X-MBX-APIKEY': key, 'X-BAPI-API-KEY': key, 'X-BAPI-TIMESTAMP': String(Date.now()), 'X-BAPI-SIGN': 'ab' },
            ...(method === 'GET' ? {} : { body }),
          });
          expect(res.status).not.toBe(500);
          JSON.parse(await res.text());
        },
      ),
      { numRuns: 150 },
    );
  });
});
