import { Decimal, RiskEngine, riskLimitsSchema, type OrderExposure, type OrderRequest, type RiskDecision, type RiskLimits } from '@rustybt/engine';
import { LIVE_REQUIRED_LIMITS } from '@rustybt/paper-runner';
import { effectiveLimits, isDeliberate } from '@rustybt/paper-runner/config';
import { defineValidator, makeCheck, type Check, type CheckId, type Thresholds, type Validator } from '@rustybt/validate';
import type { ValidateSetup } from '../setup';

const EQUITY = 100_000;
const PRICE = 100;
const NOW = Date.UTC(2025, 0, 2, 12);

/** Limits that never bind: each rule is driven alone, with the configured value of that rule only. */
const LOOSE = { maxPositionFraction: 1e6, maxLeverage: 1e6, maxDailyLoss: 1, maxOpenPositions: 1e6, maxOrdersPerMinute: 1e6 } as const;

const order = (side: 'buy' | 'sell', qty: number | Decimal): OrderRequest => ({
  clientOrderId: 'validate-risk',
  symbol: 'X',
  side,
  type: 'market',
  quantity: new Decimal(qty),
  timeInForce: 'GTC',
  createdAt: NOW,
});

/** What the run computes at submit time, for a book holding `before` of X and `gross` elsewhere. */
function exposure(o: { before?: number; gross?: number; open?: number; equity?: number }, qty: number): OrderExposure {
  const before = o.before ?? 0;
  const equity = new Decimal(o.equity ?? EQUITY);
  const gross = new Decimal(o.gross ?? 0).add(Math.abs(before) * PRICE);
  return {
    referencePrice: () => new Decimal(PRICE),
    projectedBefore: new Decimal(before),
    openPositions: o.open ?? (before !== 0 ? 1 : 0),
    estimate: { referencePrice: PRICE, projectedBefore: before, quantity: qty, equity: equity.toNumber(), grossExposure: gross.toNumber() },
    exact: () => ({ equity, grossExposure: gross }),
  };
}

const engineWith = (limits: RiskLimits, rule: Partial<RiskLimits>) =>
  new RiskEngine({ ...limits, ...LOOSE, maxNotionalPerOrder: undefined, ...rule } as RiskLimits);

/** A refusal by `rule` of the breaking order, and the order just inside the limit accepted. */
function enforced(id: CheckId, rule: string, limit: string, breaking: RiskDecision, inside: RiskDecision, remedy: string): Check {
  const refused = !breaking.ok && breaking.rule === rule;
  const ok = refused && inside.ok;
  const detail = refused
    ? `refused by ${rule}: ${(breaking as { detail: string }).detail}; the order inside the limit ${inside.ok ? 'passed' : `was refused too (${(inside as { detail: string }).detail})`}`
    : breaking.ok
      ? 'an order breaking the limit was accepted'
      : `refused by ${breaking.rule} instead of ${rule}: ${breaking.detail}`;
  return makeCheck(id, ok ? 'PASS' : 'FAIL', { value: ok ? 'refused' : breaking.ok ? 'accepted' : breaking.rule, threshold: limit, detail, remedy });
}

function positionCheck(l: RiskLimits): Check {
  const e = engineWith(l, { maxPositionFraction: l.maxPositionFraction });
  const maxQty = (EQUITY * l.maxPositionFraction) / PRICE;
  return enforced(
    'risk.max-position-enforced',
    'max_position_size',
    `${l.maxPositionFraction} of equity`,
    e.check(order('buy', maxQty * 1.1), exposure({}, maxQty * 1.1), NOW),
    e.check(order('buy', maxQty * 0.9), exposure({}, maxQty * 0.9), NOW),
    'Set risk.maxPositionFraction in config.yaml',
  );
}

function notionalCheck(l: RiskLimits): Check {
  if (l.maxNotionalPerOrder === undefined) {
    return makeCheck('risk.max-notional-enforced', 'FAIL', {
      value: 'none',
      detail: 'no maxNotionalPerOrder is configured: an opening order of any size passes this rule',
      remedy: 'Set risk.maxNotionalPerOrder in config.yaml (live-trade requires it)',
    });
  }
  const limit = new Decimal(l.maxNotionalPerOrder);
  const e = engineWith(l, { maxNotionalPerOrder: l.maxNotionalPerOrder });
  const over = limit.mul(1.1).div(PRICE);
  const under = limit.mul(0.9).div(PRICE);
  return enforced(
    'risk.max-notional-enforced',
    'max_notional_per_order',
    limit.toString(),
    e.check(order('buy', over), exposure({}, over.toNumber()), NOW),
    e.check(order('buy', under), exposure({}, under.toNumber()), NOW),
    'Check the engine build: the notional rule did not hold',
  );
}

function leverageCheck(l: RiskLimits): Check {
  // Half the allowed exposure is held elsewhere; the order takes gross exposure beyond the limit.
  const held = (EQUITY * l.maxLeverage) / 2;
  const e = engineWith(l, { maxLeverage: l.maxLeverage });
  const room = (EQUITY * l.maxLeverage - held) / PRICE;
  return enforced(
    'risk.max-leverage-enforced',
    'max_leverage',
    `${l.maxLeverage}x`,
    e.check(order('buy', room * 1.2), exposure({ gross: held }, room * 1.2), NOW),
    e.check(order('buy', room * 0.8), exposure({ gross: held }, room * 0.8), NOW),
    'Set risk.maxLeverage in config.yaml',
  );
}

function openPositionsCheck(l: RiskLimits): Check {
  const e = engineWith(l, { maxOpenPositions: l.maxOpenPositions });
  return enforced(
    'risk.max-open-positions-enforced',
    'max_open_positions',
    String(l.maxOpenPositions),
    e.check(order('buy', 1), exposure({ open: l.maxOpenPositions }, 1), NOW),
    e.check(order('buy', 1), exposure({ open: l.maxOpenPositions - 1 }, 1), NOW),
    'Set risk.maxOpenPositions in config.yaml',
  );
}

function orderRateCheck(l: RiskLimits): Check {
  const e = engineWith(l, { maxOrdersPerMinute: l.maxOrdersPerMinute });
  const n = l.maxOrdersPerMinute;
  let refusedEarly: RiskDecision | undefined;
  for (let i = 0; i < n; i++) {
    const t = NOW + Math.floor((i * 30_000) / n);
    const d = e.check(order('buy', 1), exposure({}, 1), t);
    if (!d.ok) {
      refusedEarly = d;
      break;
    }
    e.recordSubmitted(t);
  }
  const breaking = e.check(order('buy', 1), exposure({}, 1), NOW + 30_001);
  // A minute after the burst the window has emptied: orders pass again.
  const later = e.check(order('buy', 1), exposure({}, 1), NOW + 90_001);
  if (refusedEarly)
    return makeCheck('risk.order-rate-enforced', 'FAIL', {
      value: 'refused early',
      threshold: `${n}/min`,
      detail: `order refused before the limit: ${(refusedEarly as { detail: string }).detail}`,
      remedy: 'Check the engine build',
    });
  return enforced('risk.order-rate-enforced', 'max_orders_per_minute', `${n}/min`, breaking, later, 'Set risk.maxOrdersPerMinute in config.yaml');
}

/** The daily-loss breach, the state it moves to, and what passes in that state. */
function dailyLossChecks(l: RiskLimits): Check[] {
  if (l.maxDailyLoss >= 1) {
    const detail = `maxDailyLoss is ${l.maxDailyLoss} (100% of the day's equity): the limit is switched off, no loss can breach it`;
    const remedy = 'Set risk.maxDailyLoss to a fraction such as 0.05 in config.yaml';
    return [
      makeCheck('risk.daily-loss-enforced', 'FAIL', { value: l.maxDailyLoss, threshold: '< 1', detail, remedy }),
      makeCheck('risk.reduce-transition', 'FAIL', { detail: 'no breach is possible, so no transition', remedy }),
    ];
  }
  const e = new RiskEngine(l);
  e.newDayIfDue(NOW, () => new Decimal(EQUITY));
  const inside = e.watchDailyLoss(EQUITY * (1 - l.maxDailyLoss * 0.9), () => new Decimal(EQUITY * (1 - l.maxDailyLoss * 0.9)));
  const lossEquity = EQUITY * (1 - l.maxDailyLoss * 1.1);
  const t = e.watchDailyLoss(lossEquity, () => new Decimal(lossEquity));
  const want = l.dailyLossAction === 'halt' ? 'HALTED' : 'REDUCING';
  const opening = e.check(order('buy', 1), exposure({ before: 10 }, 1), NOW);
  const reducing = e.check(order('sell', 5), exposure({ before: 10 }, -5), NOW);
  const stopped = t !== null && t.to === want && inside === null && !opening.ok;
  const loss = makeCheck('risk.daily-loss-enforced', stopped ? 'PASS' : 'FAIL', {
    value: t ? t.to : 'ACTIVE',
    threshold: `${l.maxDailyLoss} of the day's equity`,
    detail: stopped
      ? `a loss of ${(l.maxDailyLoss * 110).toFixed(2)}% moved trading to ${t!.to}; a new opening order was refused (${(opening as { detail: string }).detail})`
      : `after a loss beyond the limit the state is ${e.state} and an opening order was ${opening.ok ? 'accepted' : 'refused'}${inside ? '; a loss inside the limit already tripped it' : ''}`,
    remedy: 'Check risk.maxDailyLoss and the engine build',
  });
  const okState = want === 'REDUCING' ? reducing.ok && !opening.ok : !reducing.ok && !opening.ok;
  const transition = makeCheck('risk.reduce-transition', t?.to === want && okState ? 'PASS' : 'FAIL', {
    value: e.state,
    threshold: want,
    detail:
      want === 'REDUCING'
        ? `in REDUCING a reducing sell ${reducing.ok ? 'passed' : 'was refused'} and an opening buy ${opening.ok ? 'passed' : 'was refused'}`
        : `dailyLossAction is halt: in HALTED the reducing sell ${reducing.ok ? 'passed' : 'was refused'}, the opening buy ${opening.ok ? 'passed' : 'was refused'} (only cancels pass)`,
    remedy: 'Check risk.dailyLossAction and the engine build',
  });
  return [loss, transition];
}

function haltCheck(l: RiskLimits): Check {
  const e = engineWith(l, {});
  e.setState('HALTED', 'manual', 'validate: kill switch');
  const halted = e.check(order('sell', 1), exposure({ before: 10 }, -1), NOW);
  e.setState('ACTIVE', 'manual', 'validate: resume');
  const resumed = e.check(order('buy', 1), exposure({}, 1), NOW);
  const ok = !halted.ok && halted.rule === 'trading_state' && resumed.ok;
  return makeCheck('risk.halt-transition', ok ? 'PASS' : 'FAIL', {
    value: ok ? 'HALTED -> ACTIVE' : e.state,
    detail: ok
      ? 'HALTED refused even a reducing order; after resume an order passed'
      : `halted: ${halted.ok ? 'accepted' : halted.rule}; resumed: ${resumed.ok ? 'accepted' : resumed.rule}`,
    remedy: 'Check the engine build',
  });
}

function configuredCheck(s: ValidateSetup): Check {
  const limits = effectiveLimits(s.loaded.config.risk, s.loaded.sources);
  const deliberate = limits.filter((l) => isDeliberate(l.source)).map((l) => l.key);
  const missing = LIVE_REQUIRED_LIMITS.filter((k) => !deliberate.includes(k));
  const where = s.loaded.configFile ?? 'config.yaml';
  if (missing.length > 0) {
    return makeCheck('risk.limits-configured', 'FAIL', {
      value: deliberate.length,
      threshold: LIVE_REQUIRED_LIMITS.join(', '),
      detail: `not set in config: ${missing.join(', ')} (a live session refuses to start without them)`,
      remedy: `Add them under risk: in ${where}`,
    });
  }
  return makeCheck('risk.limits-configured', 'PASS', {
    value: deliberate.length,
    threshold: LIVE_REQUIRED_LIMITS.join(', '),
    detail: `set in config: ${deliberate.join(', ')}`,
  });
}

function prudentCheck(l: RiskLimits, t: Readonly<Thresholds>): Check {
  const loose = [
    l.maxPositionFraction * 100 > t.maxPositionPercent && `position ${l.maxPositionFraction * 100}% > ${t.maxPositionPercent}%`,
    l.maxDailyLoss * 100 > t.maxDailyLossPercent && `daily loss ${+(l.maxDailyLoss * 100).toFixed(4)}% > ${t.maxDailyLossPercent}%`,
    l.maxLeverage > t.maxLeverage && `leverage ${l.maxLeverage}x > ${t.maxLeverage}x`,
  ].filter((x): x is string => typeof x === 'string');
  const now = `position ${l.maxPositionFraction * 100}%, daily loss ${+(l.maxDailyLoss * 100).toFixed(4)}%, leverage ${l.maxLeverage}x`;
  return makeCheck('risk.limits-prudent', loose.length ? 'WARN' : 'PASS', {
    value: now,
    threshold: `position <= ${t.maxPositionPercent}%, daily loss <= ${t.maxDailyLossPercent}%, leverage <= ${t.maxLeverage}x`,
    detail: loose.length ? `beyond prudence: ${loose.join('; ')}` : 'within prudence',
    remedy: 'Lower them under risk: in config.yaml unless you mean it',
  });
}

/** Limits configured, and each one enforced by the real engine's RiskEngine, state transitions included. */
export function riskValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'risk',
    title: 'Risk limits',
    modes: ['standard', 'thorough'],
    run(ctx) {
      const limits = riskLimitsSchema.parse(s.loaded.config.risk ?? {});
      ctx.progress('driving the risk engine with orders that break each limit');
      return Promise.resolve([
        configuredCheck(s),
        prudentCheck(limits, ctx.thresholds),
        positionCheck(limits),
        notionalCheck(limits),
        leverageCheck(limits),
        openPositionsCheck(limits),
        orderRateCheck(limits),
        ...dailyLossChecks(limits),
        haltCheck(limits),
      ]);
    },
  });
}
