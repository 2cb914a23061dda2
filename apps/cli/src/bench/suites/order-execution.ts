import { CcxtBroker } from '@rustybt/brokers';
import { defineSuite, latencyCase } from '@rustybt/bench';
import { Decimal, type BrokerEvent } from '@rustybt/engine';
import { startExchangeSim, type ExchangeSim } from '@rustybt/exchange-sim';

interface VenueRig {
  sim: ExchangeSim;
  broker: CcxtBroker;
  /** Orders waiting for their fill, by client order id. */
  waiting: Map<string, { resolve: (at: bigint) => void; reject: (e: Error) => void }>;
  seq: number;
}

async function venueRig(dialect: 'binance' | 'bybit'): Promise<VenueRig> {
  const sim = await startExchangeSim({
    dialect,
    seed: 1,
    accounts: [{ apiKey: 'bench-key', secret: 'bench-secret', balances: { USDT: '1000000000', BTC: '100000' } }],
  });
  const broker = new CcxtBroker({
    exchangeId: dialect,
    apiUrl: sim.url,
    credentials: { apiKey: 'bench-key', secret: 'bench-secret' },
    enableRateLimit: false,
    timeoutMs: 5000,
    pollIntervalMs: 1000,
  });
  const waiting: VenueRig['waiting'] = new Map();
  broker.events$.subscribe((e: BrokerEvent) => {
    if (e.type === 'order_filled' && e.order.status === 'filled') waiting.get(e.order.clientOrderId)?.resolve(process.hrtime.bigint());
    if (e.type === 'order_rejected') waiting.get(e.order.clientOrderId)?.reject(new Error(`benchmark order rejected: ${e.reason}`));
  });
  await broker.connect();
  sim.setPrice('BTCUSDT', '50000');
  return { sim, broker, waiting, seq: 0 };
}

/** submit() -> the order_filled event, in ns; buys and sells alternate so balances stay level. */
async function submitToFill(r: VenueRig): Promise<bigint> {
  const id = `bench-${++r.seq}`;
  const filled = new Promise<bigint>((resolve, reject) => r.waiting.set(id, { resolve, reject }));
  const start = process.hrtime.bigint();
  r.broker.submit({
    clientOrderId: id,
    symbol: 'BTC/USDT',
    side: r.seq % 2 ? 'buy' : 'sell',
    type: 'market',
    quantity: new Decimal('0.001'),
    timeInForce: 'GTC',
    createdAt: Date.now(),
  });
  const at = await filled;
  r.waiting.delete(id);
  return at - start;
}

/** The same market order straight through ccxt (no broker): what the loopback round trip costs. */
async function rawCreate(r: VenueRig): Promise<void> {
  r.seq++;
  await r.broker.exchange.createOrder('BTC/USDT', 'market', r.seq % 2 ? 'buy' : 'sell', 0.001);
}

const close = async (r: VenueRig) => {
  await r.broker.close();
  await r.sim.close();
};

const venueCase = (dialect: 'binance' | 'bybit', samples: number, warmup: number) =>
  latencyCase<VenueRig>({
    name: `ccxt ${dialect} submit->fill`,
    unit: 'orders',
    samples: { full: samples, quick: samples / 10 },
    warmup: { full: warmup, quick: warmup / 5 },
    setup: () => venueRig(dialect),
    teardown: close,
    op: (r) => submitToFill(r),
    reference: { name: 'ccxt createOrder (no broker)', op: (r) => rawCreate(r) },
    goals: ['p99 <= 5ms'],
  });

// Submit -> fill through CcxtBroker against the loopback emulator, the ratio against a bare ccxt
// createOrder measured interleaved in the same run. Binance answers a market order with its fills
// (one request); Bybit answers with ids only, so the broker also fetches the order and its trades.
export default defineSuite({
  name: 'order-execution',
  description: 'submit -> fill through CcxtBroker to the loopback exchange emulator vs a bare ccxt createOrder',
  cases: [venueCase('binance', 1000, 50), venueCase('bybit', 500, 25)],
});
