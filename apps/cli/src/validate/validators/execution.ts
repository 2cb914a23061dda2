import { PaperBroker, type CcxtBroker } from '@rustybt/brokers';
import { quantile } from '@rustybt/bench';
import { GbmPath } from '@rustybt/data-providers';
import { Decimal, type BrokerEvent } from '@rustybt/engine';
import { defineValidator, histogramFromSamples, makeCheck, measuredCheck, skipCheck, type Check, type CheckId, type Validator } from '@rustybt/validate';
import type { CheckResult } from '../../brokers/checks';
import { venueBroker } from '../../brokers/open-venue';
import { venueChecks } from '../../brokers/venue-checks';
import type { ValidateSetup, VenueSetup } from '../setup';

const ORDERS = { quick: 200, standard: 1000, thorough: 5000 } as const;
const VENUE_CHECKS = [
  'execution.venue-auth',
  'execution.venue-trading-permission',
  'execution.venue-withdrawals-disabled',
  'execution.venue-clock-skew',
  'execution.venue-markets',
  'execution.venue-min-notional',
] as const;

/**
 * Wall time from submit() to the order_filled event through the real PaperBroker with the
 * configured fill, slippage, commission and latency models, one market order per bar.
 */
export async function paperFillLatencies(n: number, config: ConstructorParameters<typeof PaperBroker>[0], signal: AbortSignal): Promise<number[]> {
  const broker = new PaperBroker(config);
  let filledAt = 0n;
  broker.events$.subscribe((e: BrokerEvent) => {
    if (e.type === 'order_filled') filledAt = process.hrtime.bigint();
  });
  await broker.connect();
  broker.restore?.({ cash: new Decimal(1e12), positions: [{ symbol: 'SIM', quantity: new Decimal(1e6) }], openOrders: [] });
  const path = new GbmPath('SIM', '1m', { seed: 3 });
  let t = Date.UTC(2024, 0, 2);
  broker.onBar?.(path.next(t));
  const samples: number[] = [];
  for (let i = 0; i < n && !signal.aborted; i++) {
    filledAt = 0n;
    const start = process.hrtime.bigint();
    broker.submit({
      clientOrderId: `validate-${i}`,
      symbol: 'SIM',
      side: i % 2 ? 'sell' : 'buy',
      type: 'market',
      quantity: new Decimal(1),
      timeInForce: 'GTC',
      createdAt: t,
    });
    // Filled at the next bar's open (or at once for fills at the close): feed bars until it is.
    for (let k = 0; k < 20 && filledAt === 0n; k++) broker.onBar?.(path.next((t += 60_000)));
    if (filledAt === 0n) throw new Error(`the paper broker did not fill market order ${i} within 20 bars`);
    samples.push(Number(filledAt - start) / 1e6);
    // Let timers and the run's signal in between orders.
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  await broker.close();
  return samples;
}

const find = (checks: readonly CheckResult[], name: string) => checks.find((c) => c.name === name);

function fromVenue(id: CheckId, c: CheckResult | undefined, subject: string, remedy: string, strictWarn = false): Check {
  if (!c) return skipCheck(id, 'the test-broker checks did not get this far', { subject });
  const status = c.status === 'WARN' && strictWarn ? 'FAIL' : c.status;
  return makeCheck(id, status, { subject, value: c.latencyMs, detail: c.detail, remedy, ...(c.latencyMs !== null ? { unit: 'ms' } : {}) });
}

/** The strategy's order size against the venue market's minimum cost, at the venue's last price. */
async function minNotional(broker: CcxtBroker, symbol: string, qty: number | undefined, subject: string): Promise<Check> {
  const m = broker.market(symbol);
  if (!m) return skipCheck('execution.venue-min-notional', `${symbol} is not a market at ${broker.id}`, { subject });
  if (qty === undefined)
    return skipCheck('execution.venue-min-notional', 'the strategy declares no numeric qty parameter, so its order size is not known before it trades', {
      subject,
    });
  const quote = await broker.lastPrice(symbol);
  const price = quote.last ?? quote.bid;
  if (!price || !m.minCost)
    return skipCheck('execution.venue-min-notional', `${broker.id} gives no ${m.minCost ? 'price' : 'minimum cost'} for ${symbol}`, { subject });
  const notional = price.mul(qty);
  return measuredCheck('execution.venue-min-notional', {
    subject,
    value: notional.toNumber(),
    threshold: m.minCost.toNumber(),
    comparator: '>=',
    detail: `qty ${qty} x ${price} = ${notional.toSignificantDigits(8)} against the minimum ${m.minCost}${m.minAmount ? ` (min amount ${m.minAmount})` : ''}`,
    remedy: `Raise the strategy's qty so one order is worth at least ${m.minCost}`,
  });
}

async function venueChecksFor(v: VenueSetup, s: ValidateSetup, skewMaxMs: number): Promise<Check[]> {
  const subject = v.exchange;
  const broker = await venueBroker(
    { exchangeId: v.exchange, testnet: v.testnet, ...(v.apiUrl ? { apiUrl: v.apiUrl } : {}), timeoutMs: 10_000 },
    () => {},
    s.env,
  );
  try {
    const checks = await venueChecks(broker, s.symbol, false);
    const skew = find(checks, 'clock skew');
    const offset = skew?.status === 'PASS' || skew?.status === 'WARN' ? Number(/(\d+) ms (?:ahead of|behind)/.exec(skew.detail)?.[1]) : Number.NaN;
    const qtyParam = Number((s.params.find((p) => p.startsWith('qty=')) ?? '').slice(4) || Number.NaN);
    const market = find(checks, 'market');
    return [
      fromVenue('execution.venue-auth', find(checks, 'authentication'), subject, 'Check the API key and secret (rustybt test-broker)'),
      fromVenue('execution.venue-trading-permission', find(checks, 'trading permission'), subject, 'Enable spot trading for this API key at the venue'),
      // Withdrawals on a trading key are a FAIL here, whatever test-broker prints.
      fromVenue(
        'execution.venue-withdrawals-disabled',
        find(checks, 'withdrawal permission'),
        subject,
        'Create a key without withdrawal permission and store it (rustybt encrypt-credentials)',
        true,
      ),
      Number.isFinite(offset)
        ? measuredCheck('execution.venue-clock-skew', {
            subject,
            value: offset,
            threshold: skewMaxMs,
            comparator: '<=',
            unit: 'ms',
            detail: skew!.detail,
            remedy: 'Sync the clock (NTP)',
          })
        : fromVenue('execution.venue-clock-skew', skew, subject, 'Sync the clock (NTP)'),
      fromVenue('execution.venue-markets', market, subject, 'Check --symbol against the venue markets'),
      market?.status === 'PASS'
        ? await minNotional(broker, s.symbol, Number.isFinite(qtyParam) ? qtyParam : undefined, subject)
        : skipCheck('execution.venue-min-notional', 'needs a valid market', { subject }),
    ];
  } finally {
    await broker.close();
  }
}

/** Paper submit-to-fill latency against the threshold, and for a configured venue the test-broker checks. */
export function executionValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'execution',
    title: 'Order execution',
    modes: ['standard', 'thorough'],
    async run(ctx) {
      const n = ORDERS[ctx.mode];
      ctx.progress(`${n} paper orders`);
      const samples = await paperFillLatencies(n, s.loaded.config.paper ?? {}, ctx.signal);
      const p99 = quantile(samples, 0.99);
      const threshold = ctx.thresholds.orderLatencyP99Ms;
      const checks: Check[] = [
        measuredCheck('execution.paper-fill-latency', {
          value: p99,
          threshold,
          comparator: '<=',
          unit: 'ms',
          detail: `p99 of ${samples.length} paper market orders, submit to order_filled (median ${quantile(samples, 0.5).toFixed(4)} ms)`,
          remedy: 'Profile the order path: rustybt benchmark --suite runner',
          evidence: [
            histogramFromSamples(samples, {
              title: 'Paper submit-to-fill latency',
              unit: 'ms',
              markers: [
                { label: 'p99', value: p99 },
                { label: 'threshold', value: threshold },
              ],
            }),
          ],
        }),
      ];
      if (!s.venue)
        return [
          ...checks,
          ...VENUE_CHECKS.map((id) =>
            skipCheck(id, 'no venue configured (paper only)', { remedy: 'Give --broker <exchange> (with --testnet or --api-url) to check a venue' }),
          ),
        ];
      ctx.progress(`test-broker checks at ${s.venue.exchange}`);
      return [...checks, ...(await venueChecksFor(s.venue, s, ctx.thresholds.clockSkewMaxMs))];
    },
  });
}
