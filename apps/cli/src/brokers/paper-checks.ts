import { PaperBroker } from '@rustybt/brokers';
import { Decimal, type Bar, type BrokerEvent, type OrderRequest } from '@rustybt/engine';
import { timed, type CheckResult } from './checks';
import { money } from '../format/money';

const CASH = new Decimal(10_000);
const START = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;

/** Three fixed bars: the buy fills on the second bar's open, the sell on the third's. */
const bars = (symbol: string): Bar[] =>
  [
    [100, 101, 99, 100.5],
    [101, 102, 100, 101.5],
    [102, 103, 101, 102.5],
  ].map(([open, high, low, close], i) => ({
    symbol,
    time: START + i * MINUTE,
    open: open as number,
    high: high as number,
    low: low as number,
    close: close as number,
    volume: 1000,
  }));

/**
 * Initialises the paper broker (default models) with fixed cash, simulates a market buy and a market
 * sell against fixed bars, and checks the resulting cash against the fills it reported.
 */
export async function paperChecks(symbol: string): Promise<CheckResult[]> {
  const broker = new PaperBroker();
  const events: BrokerEvent[] = [];
  broker.events$.subscribe((e) => events.push(e));
  const [b1, b2, b3] = bars(symbol) as [Bar, Bar, Bar];
  const order = (id: string, side: 'buy' | 'sell', createdAt: number): OrderRequest => ({
    clientOrderId: id,
    symbol,
    side,
    type: 'market',
    quantity: new Decimal(1),
    timeInForce: 'GTC',
    createdAt,
  });
  const fillOf = (id: string) => events.find((e) => e.type === 'order_filled' && e.order.clientOrderId === id && e.order.status === 'filled');
  const refusal = (id: string) => events.find((e) => e.type === 'order_rejected' && e.order.clientOrderId === id);

  const checks: CheckResult[] = [];
  checks.push(
    await timed('initialise', async () => {
      await broker.connect();
      broker.restore({ cash: CASH, positions: [], openOrders: [] });
      broker.onBar(b1);
      const c = broker.config;
      return {
        status: 'PASS',
        detail: `paper broker ready: cash ${CASH} ${c.currency}, fills ${c.fillAt}, slippage ${c.slippage.model}, commission ${c.commission.model}`,
      };
    }),
  );
  for (const [id, side, submitBar, fillBar] of [
    ['paper-test-buy', 'buy', b1, b2],
    ['paper-test-sell', 'sell', b2, b3],
  ] as const) {
    checks.push(
      await timed(`simulated ${side}`, async () => {
        broker.submit(order(id, side, submitBar.time));
        broker.onBar(fillBar);
        const r = refusal(id);
        if (r && r.type === 'order_rejected') return { status: 'FAIL', detail: `rejected: ${r.reason}` };
        const f = fillOf(id);
        if (!f || f.type !== 'order_filled') return { status: 'FAIL', detail: `no fill after bar ${new Date(fillBar.time).toISOString()}` };
        return { status: 'PASS', detail: `${side} 1 ${symbol} filled @ ${f.fill.price} (commission ${money(f.fill.commission)})` };
      }),
    );
  }
  checks.push(
    await timed('positions and cash', async () => {
      const balances = await broker.balances();
      const fills = events.flatMap((e) => (e.type === 'order_filled' ? [e.fill] : []));
      const expected = fills.reduce(
        (cash, f) => (f.side === 'buy' ? cash.sub(f.price.mul(f.quantity)) : cash.add(f.price.mul(f.quantity))).sub(f.commission),
        CASH,
      );
      const cash = balances.find((b) => b.asset === broker.config.currency)?.total;
      const positions = balances.filter((b) => b.asset !== broker.config.currency);
      const held = positions.length === 0 ? 'no positions' : positions.map((p) => `${p.asset} ${p.total}`).join(', ');
      if (!cash || !cash.eq(expected)) return { status: 'FAIL', detail: `cash ${cash ?? 'missing'} but the fills imply ${expected}` };
      return { status: 'PASS', detail: `cash ${cash} ${broker.config.currency} (round trip ${cash.sub(CASH).toSignificantDigits(8)}), ${held}` };
    }),
  );
  await broker.close();
  return checks;
}
