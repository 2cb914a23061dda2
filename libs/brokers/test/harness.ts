import type { BrokerEvent } from '@rustybt/engine';
import { Decimal, type OrderRequest } from '@rustybt/engine';
import { startExchangeSim, type ExchangeSim, type SimOptionsInput } from '@rustybt/exchange-sim';
import { CcxtBroker, type BrokerLogEntry, type BrokerOperationError, type CcxtBrokerOptionsInput } from '../src/index';

export const DIALECTS = ['binance', 'bybit'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Rig {
  sim: ExchangeSim;
  broker: CcxtBroker;
  events: BrokerEvent[];
  logs: BrokerLogEntry[];
  close(): Promise<void>;
}

/** A CcxtBroker over the real ccxt client, talking to the emulator on loopback. */
export async function rig(
  dialect: DialectName,
  opts: { sim?: SimOptionsInput; broker?: Partial<CcxtBrokerOptionsInput>; connect?: boolean } = {},
): Promise<Rig> {
  const sim = await startExchangeSim({ seed: 11, ...opts.sim });
  const events: BrokerEvent[] = [];
  const logs: BrokerLogEntry[] = [];
  const broker = new CcxtBroker(
    {
      exchangeId: dialect,
      apiUrl: sim.url,
      credentials: { apiKey: 'sim-key', secret: 'sim-secret' },
      timeoutMs: 1000,
      pollIntervalMs: 20,
      enableRateLimit: false,
      retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40, seed: 3 },
      // An order not found this long after its last send is truly absent (see resolveUnknown): keep tests short.
      recvWindowMs: 2000,
      ...opts.broker,
    },
    { log: (e) => logs.push(e) },
  );
  broker.events$.subscribe((e) => events.push(e));
  if (opts.connect !== false) await broker.connect();
  return {
    sim,
    broker,
    events,
    logs,
    close: async () => {
      await broker.close();
      await sim.close();
    },
  };
}

let seq = 0;
export function request(over: Partial<OrderRequest> = {}): OrderRequest {
  seq++;
  return {
    clientOrderId: `t-${seq}`,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    quantity: new Decimal('0.01'),
    timeInForce: 'GTC',
    createdAt: Date.UTC(2025, 0, 1),
    ...over,
  };
}

/** Resolves when `predicate` holds for the events seen so far (loopback answers come within ms). */
export async function until(events: BrokerEvent[], predicate: (events: BrokerEvent[]) => boolean, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!predicate(events)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; events: ${JSON.stringify(events.map((e) => e.type))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const ofType = <T extends BrokerEvent['type']>(events: BrokerEvent[], type: T) =>
  events.filter((e): e is Extract<BrokerEvent, { type: T }> => e.type === type);
export const terminal = (id: string) => (events: BrokerEvent[]) =>
  events.some((e) => 'order' in e && e.order.clientOrderId === id && ['filled', 'cancelled', 'rejected', 'expired'].includes(e.order.status));

/** The BrokerOperationError a call ends with (fails the test if it succeeds). */
export async function failure(p: Promise<unknown>): Promise<BrokerOperationError> {
  try {
    await p;
  } catch (e) {
    return e as BrokerOperationError;
  }
  throw new Error('expected the call to fail');
}

/** The promise's outcome, or a failure naming `what` once `ms` have passed (a hang fails the test instead of stalling it). */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const ORDER_PATH = { binance: '/api/v3/order', bybit: '/v5/order/create' } as const;
export const BALANCE_PATH = { binance: '/api/v3/account', bybit: '/v5/account/wallet-balance' } as const;
/** Where each dialect answers a lookup of one order by client order id. */
export const LOOKUP_PATH = { binance: '/api/v3/order', bybit: '/v5/order/realtime' } as const;
