import { Decimal, type BrokerEvent, type OrderRequest } from '@rustybt/engine';
import type { CcxtBroker } from '@rustybt/brokers';
import { skipped, timed, type CheckResult } from './checks';

const SKEW_WARN_MS = 1000;

/**
 * The pre-flight checks against a ccxt venue, in order. A failed connection or authentication
 * skips what depends on it. Nothing here places an order unless the venue has a test-order
 * endpoint (validated, never placed) or `placeTestOrder` is set (placed far from the market, cancelled).
 */
export async function venueChecks(broker: CcxtBroker, symbol: string, placeTestOrder: boolean): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  // Loading ccxt itself is not the venue's latency.
  await broker.client();
  const connect = await timed('connectivity', async () => ({ status: 'PASS', detail: `${await broker.open()} spot markets loaded` }));
  checks.push(connect);
  if (connect.status === 'FAIL')
    return [
      ...checks,
      ...['clock skew', 'authentication', 'trading permission', 'withdrawal permission', 'market', 'validation order'].map((n) =>
        skipped(n, 'needs connectivity'),
      ),
    ];

  checks.push(
    await timed('clock skew', async () => {
      const c = await broker.syncClock();
      const side = c.offsetMs >= 0 ? 'ahead of' : 'behind';
      const text = `venue clock ${Math.abs(c.offsetMs)} ms ${side} ours (round trip ${c.roundTripMs} ms)`;
      return Math.abs(c.offsetMs) > SKEW_WARN_MS
        ? { status: 'WARN', detail: `${text}; requests are signed with venue time, but sync this clock (NTP)` }
        : { status: 'PASS', detail: text };
    }),
  );

  const auth = await timed('authentication', async () => {
    const balances = await broker.balances();
    return { status: 'PASS', detail: `account readable, ${balances.filter((b) => !b.total.isZero()).length} assets held` };
  });
  checks.push(auth);
  if (auth.status === 'FAIL')
    return [
      ...checks,
      ...['trading permission', 'withdrawal permission', 'validation order'].map((n) => skipped(n, 'needs authentication')),
      await marketCheck(broker, symbol),
    ];

  const perms = await broker.permissions().catch((e: unknown) => e as Error);
  if (perms instanceof Error) {
    checks.push(
      { name: 'trading permission', status: 'FAIL', latencyMs: null, detail: perms.message },
      skipped('withdrawal permission', 'permissions unreadable'),
    );
  } else {
    const note = ` (${perms.source})`;
    checks.push({
      name: 'trading permission',
      latencyMs: null,
      ...(perms.canTrade === undefined
        ? { status: 'WARN' as const, detail: `could not be determined${note}` }
        : perms.canTrade
          ? { status: 'PASS' as const, detail: `key can trade${note}` }
          : { status: 'FAIL' as const, detail: `key cannot trade${note}; enable spot trading for this key` }),
    });
    checks.push({
      name: 'withdrawal permission',
      latencyMs: null,
      ...(perms.canWithdraw === undefined
        ? { status: 'WARN' as const, detail: `could not be determined${note}` }
        : perms.canWithdraw
          ? { status: 'WARN' as const, detail: `withdrawals are ENABLED for this key${note}; a trading key should not be able to withdraw` }
          : { status: 'PASS' as const, detail: `withdrawals disabled${note}` }),
    });
  }

  const market = await marketCheck(broker, symbol);
  checks.push(market);
  if (market.status === 'FAIL') {
    checks.push(skipped('validation order', 'needs a valid market'));
    return checks;
  }
  if (placeTestOrder) checks.push(await timed('validation order', () => placeAndCancel(broker, symbol)));
  else if (broker.hasTestOrderEndpoint) checks.push(await timed('validation order', () => validateOnly(broker, symbol)));
  else checks.push(skipped('validation order', `${broker.id} has no test-order endpoint; --place-test-order places and cancels a far-from-market order`));
  return checks;
}

function marketCheck(broker: CcxtBroker, symbol: string): Promise<CheckResult> {
  return timed('market', async () => {
    const m = broker.market(symbol);
    if (!m) return { status: 'FAIL', detail: `${broker.id} has no spot market ${symbol}; check --symbol (e.g. BTC/USDT)` };
    const parts = [
      m.minAmount && `min amount ${m.minAmount}`,
      m.minCost && `min cost ${m.minCost}`,
      m.amountStep && `amount step ${m.amountStep}`,
      m.priceStep && `price step ${m.priceStep}`,
    ].filter(Boolean);
    return m.active
      ? { status: 'PASS', detail: `${symbol} active; ${parts.join(', ')}` }
      : { status: 'FAIL', detail: `${symbol} is not trading at ${broker.id}` };
  });
}

/** A buy limit at half the bid, at the smallest size the market accepts: valid, and never fills. */
async function farOrder(broker: CcxtBroker, symbol: string): Promise<OrderRequest> {
  const m = broker.market(symbol);
  const quote = await broker.lastPrice(symbol);
  const ref = quote.bid ?? quote.last;
  if (!m || !ref) throw new Error(`no price for ${symbol}`);
  const tick = m.priceStep ?? new Decimal('0.00000001');
  const step = m.amountStep ?? new Decimal('0.00000001');
  const price = Decimal.max(tick, ref.div(2).toNearest(tick, Decimal.ROUND_DOWN));
  let qty = Decimal.max(m.minAmount ?? step, m.minCost ? m.minCost.div(price).mul('1.1') : step);
  qty = qty.toNearest(step, Decimal.ROUND_UP);
  return {
    clientOrderId: `rbt-test-${Date.now()}`,
    symbol,
    side: 'buy',
    type: 'limit',
    quantity: qty,
    limitPrice: price,
    timeInForce: 'GTC',
    createdAt: Date.now(),
  };
}

async function validateOnly(broker: CcxtBroker, symbol: string): Promise<{ status: 'PASS'; detail: string }> {
  const o = await farOrder(broker, symbol);
  await broker.testOrder(o);
  return { status: 'PASS', detail: `test-order endpoint accepted buy ${o.quantity} ${symbol} @ ${o.limitPrice} (validated, not placed)` };
}

async function placeAndCancel(broker: CcxtBroker, symbol: string): Promise<{ status: 'PASS' | 'FAIL'; detail: string }> {
  const o = await farOrder(broker, symbol);
  const events: BrokerEvent[] = [];
  const sub = broker.events$.subscribe((e) => events.push(e));
  const wait = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + broker.options.timeoutMs * 3;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const mine = (type: BrokerEvent['type']) => events.find((e) => e.type === type && 'order' in e && e.order.clientOrderId === o.clientOrderId);
  try {
    broker.submit(o);
    await wait(() => Boolean(mine('order_accepted') || mine('order_rejected')), 'the order to be accepted');
    const rejected = mine('order_rejected');
    if (rejected && rejected.type === 'order_rejected') return { status: 'FAIL', detail: `order refused: ${rejected.reason}` };
    broker.cancel(o.clientOrderId);
    await wait(
      () => Boolean(mine('order_cancelled') || mine('order_filled') || events.some((e) => e.type === 'broker_error' && e.operation === 'cancel')),
      'the cancel',
    );
    if (!mine('order_cancelled'))
      return { status: 'FAIL', detail: `placed buy ${o.quantity} ${symbol} @ ${o.limitPrice} but could not cancel it: check open orders at the venue` };
    return { status: 'PASS', detail: `placed and cancelled buy ${o.quantity} ${symbol} @ ${o.limitPrice}` };
  } finally {
    sub.unsubscribe();
  }
}
