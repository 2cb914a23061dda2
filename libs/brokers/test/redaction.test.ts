import { Decimal } from '@rustybt/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, failure, request, rig, terminal, until, type Rig } from './harness';

// Canary credentials: if either string shows up anywhere we emit, a secret leaked.
const KEY = 'CANARYKEYc4n4ry0000000001';
const SECRET = 'CANARYSECRETs3cr3t0000002';
const ORDER_PATH = { binance: '/api/v3/order', bybit: '/v5/order/create' } as const;

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe.each(DIALECTS)('%s: credentials never reach logs, events or errors', (dialect) => {
  it('through every fault, rejection and a wrong secret', async () => {
    r = await rig(dialect, {
      sim: { accounts: [{ apiKey: KEY, secret: SECRET }], clockOffsetMs: 3000 },
      broker: { credentials: { apiKey: KEY, secret: SECRET } },
    });
    const texts: string[] = [];
    for (const kind of ['rate_limit', 'ip_ban', 'server_error', 'timestamp', 'insufficient_balance', 'bad_key', 'drop', 'non_json'] as const) {
      r.sim.inject({ kind, path: ORDER_PATH[dialect], method: 'POST' });
      const req = request();
      r.broker.submit(req);
      await until(r.events, terminal(req.clientOrderId));
    }
    const big = request({ quantity: new Decimal('1000') });
    r.broker.submit(big);
    await until(r.events, terminal(big.clientOrderId));
    r.sim.inject({ kind: 'bad_key', times: 10 });
    texts.push((await failure(r.broker.balances())).message);
    r.sim.clearFaults();
    // A wrong secret: Bybit's answer echoes the signed string, API key included, as the venue does.
    const { CcxtBroker } = await import('../src/index');
    const wrong = new CcxtBroker({ ...r.broker.options, credentials: { apiKey: KEY, secret: `${SECRET}-wrong` } }, { log: (e) => texts.push(e.message) });
    wrong.events$.subscribe((e) => texts.push(JSON.stringify(e)));
    const err = await failure(wrong.connect());
    texts.push(err.message, String(err.stack));
    await wrong.close();
    texts.push(...r.events.map((e) => JSON.stringify(e)), ...r.logs.map((l) => l.message));
    const all = texts.join('\n');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(SECRET);
    expect(all).not.toMatch(/signature=[0-9a-f]{16}/);
    // The redaction had work to do: venue answers and retries are in there.
    expect(all).toMatch(/broker_retry/);
    if (dialect === 'bybit') expect(all).toContain('error sign! origin_string[');
  });
});
