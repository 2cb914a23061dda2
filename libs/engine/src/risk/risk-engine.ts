import Decimal from 'decimal.js';
import type { OrderRequest } from '../model/order';
import { isPositive, numberOf } from '../model/decimal';
import type { RiskLimits, RiskRule, TradingState } from './limits';
import { DAY_MS } from '@rustybt/core';

/** Everything the risk engine needs to judge one order, computed by the run at submit time. */
export interface OrderExposure {
  /** Price used to value the order: its limit (or stop) price, else the symbol's last price. Made on demand. */
  referencePrice(): Decimal;
  /** Current position plus the unfilled part of open orders, signed, for the order's symbol. */
  projectedBefore: Decimal;
  /** Symbols with a position or an open order. */
  openPositions: number;
  /**
   * Float estimates: reference price, projected position before the order, the order's signed
   * quantity, equity and gross exposure (sum over symbols of |position + open orders| at last prices).
   */
  estimate: { referencePrice: number; projectedBefore: number; quantity: number; equity: number; grossExposure: number };
  /** Equity and gross exposure in decimals; asked for only when an estimate comes near a limit. */
  exact(): { equity: Decimal; grossExposure: Decimal };
}

// A float estimate this far inside a limit cannot be outside it in exact arithmetic.
const SAFE = 1 - 1e-9;

export type RiskDecision = { ok: true; reducing: boolean } | { ok: false; rule: RiskRule; detail: string; limit: string; value: string };

export interface RiskStateJson {
  state: TradingState;
  day: number | null;
  dayStartEquity: string | null;
  recentOrderTimes: number[];
  stateRule: RiskRule | null;
}

export interface RiskTransition {
  from: TradingState;
  to: TradingState;
  rule: RiskRule;
  detail: string;
  limit?: string;
  value?: string;
}

const MINUTE_MS = 60_000;

/** Pre-trade checks and the ACTIVE / REDUCING / HALTED state machine. Pure bookkeeping: the run emits the events. */
export class RiskEngine {
  state: TradingState = 'ACTIVE';
  private stateRule: RiskRule | null = null;
  private day: number | null = null;
  private dayStartEquity: Decimal | null = null;
  private dayStartEquityNumber = Number.NaN;
  private lossTrigger = Number.POSITIVE_INFINITY;
  private recentOrderTimes: number[] = [];
  private readonly notionalLimit: Decimal | undefined;

  constructor(readonly limits: RiskLimits) {
    this.notionalLimit = limits.maxNotionalPerOrder === undefined ? undefined : new Decimal(limits.maxNotionalPerOrder);
  }

  /** Called at every bar with the clock time; returns a transition when a new UTC day ends a daily-loss stop. */
  newDayIfDue(now: number, equity: () => Decimal): RiskTransition | null {
    const day = Math.floor(now / DAY_MS);
    if (day === this.day) return null;
    this.day = day;
    const e = equity();
    this.dayStartEquity = e;
    this.dayStartEquityNumber = numberOf(e);
    // Slightly early trigger for the float watch; the decimal check decides.
    this.lossTrigger = this.dayStartEquityNumber * this.limits.maxDailyLoss * (1 - 1e-9);
    if (this.stateRule === 'max_daily_loss' && this.state !== 'ACTIVE') {
      return this.transition('ACTIVE', 'max_daily_loss', `new trading day ${new Date(day * DAY_MS).toISOString().slice(0, 10)}`);
    }
    return null;
  }

  /** Hot path: float watch of the daily loss; the exact check runs only near the limit. */
  watchDailyLoss(equityNumber: number, equity: () => Decimal): RiskTransition | null {
    if (this.state !== 'ACTIVE' || !(this.dayStartEquityNumber - equityNumber > this.lossTrigger)) return null;
    const start = this.dayStartEquity!;
    const loss = start.sub(equity());
    const limit = start.mul(this.limits.maxDailyLoss);
    if (loss.lte(limit)) return null;
    const to = this.limits.dailyLossAction === 'halt' ? 'HALTED' : 'REDUCING';
    return this.transition(
      to,
      'max_daily_loss',
      `loss ${loss.toString()} since the day started at equity ${start.toString()} exceeds ${this.limits.maxDailyLoss} of it`,
      limit.toString(),
      loss.toString(),
    );
  }

  setState(to: TradingState, rule: RiskRule, detail: string): RiskTransition | null {
    if (to === this.state) return null;
    return this.transition(to, rule, detail);
  }

  check(req: OrderRequest, x: OrderExposure, now: number): RiskDecision {
    if (!req.quantity.isFinite() || !isPositive(req.quantity)) {
      return { ok: false, rule: 'invalid_order', detail: 'quantity must be a positive number', limit: '>0', value: req.quantity.toString() };
    }
    if (this.state === 'HALTED') {
      return { ok: false, rule: 'trading_state', detail: 'trading is HALTED: only cancels are accepted', limit: 'ACTIVE', value: this.state };
    }
    this.forgetOldOrders(now);
    if (this.recentOrderTimes.length >= this.limits.maxOrdersPerMinute) {
      return {
        ok: false,
        rule: 'max_orders_per_minute',
        detail: `${this.recentOrderTimes.length} orders in the last minute`,
        limit: String(this.limits.maxOrdersPerMinute),
        value: String(this.recentOrderTimes.length + 1),
      };
    }
    const before = x.projectedBefore;
    // Reducing: against the projected position and no larger than it (no flip into the other side).
    const against = !before.isZero() && before.isNeg() === (req.side === 'buy');
    const reducing = against && (req.quantity === before || req.quantity.lte(before.isNeg() ? before.neg() : before));
    if (!reducing) {
      if (this.state === 'REDUCING') {
        return {
          ok: false,
          rule: 'trading_state',
          detail: 'trading is REDUCING: only orders that reduce exposure are accepted',
          limit: 'ACTIVE',
          value: this.state,
        };
      }
      if (this.notionalLimit) {
        const notional = req.quantity.mul(x.referencePrice());
        if (notional.gt(this.notionalLimit)) {
          return {
            ok: false,
            rule: 'max_notional_per_order',
            detail: `order notional ${notional.toString()} exceeds ${this.notionalLimit.toString()}`,
            limit: this.notionalLimit.toString(),
            value: notional.toString(),
          };
        }
      }
      // Most orders are far from every limit: floats decide those; decimals decide the close calls.
      const est = x.estimate;
      const priceNumber = est.referencePrice;
      const beforeNumber = Math.abs(est.projectedBefore);
      const afterNumber = Math.abs(est.projectedBefore + est.quantity);
      const positionEstimate = afterNumber * priceNumber;
      const grossEstimate = est.grossExposure - beforeNumber * priceNumber + positionEstimate;
      const clearlyInside =
        est.equity > 0 && positionEstimate < est.equity * this.limits.maxPositionFraction * SAFE && grossEstimate < est.equity * this.limits.maxLeverage * SAFE;
      if (!clearlyInside) {
        const price = x.referencePrice();
        const after = before.add(req.side === 'buy' ? req.quantity : req.quantity.neg());
        const { equity, grossExposure } = x.exact();
        if (equity.lte(0)) {
          return {
            ok: false,
            rule: 'max_leverage',
            detail: `equity is ${equity.toString()}: no opening order is possible`,
            limit: '>0',
            value: equity.toString(),
          };
        }
        const positionValue = after.abs().mul(price);
        const maxPosition = equity.mul(this.limits.maxPositionFraction);
        if (positionValue.gt(maxPosition)) {
          return {
            ok: false,
            rule: 'max_position_size',
            detail: `position value ${positionValue.toString()} would exceed ${this.limits.maxPositionFraction} of equity ${equity.toString()}`,
            limit: maxPosition.toString(),
            value: positionValue.toString(),
          };
        }
        const gross = grossExposure.sub(before.abs().mul(price)).add(positionValue);
        const leverage = gross.div(equity);
        if (leverage.gt(this.limits.maxLeverage)) {
          return {
            ok: false,
            rule: 'max_leverage',
            detail: `gross exposure ${gross.toString()} / equity ${equity.toString()} would exceed ${this.limits.maxLeverage}`,
            limit: String(this.limits.maxLeverage),
            value: leverage.toSignificantDigits(8).toString(),
          };
        }
      }
      if (before.isZero() && x.openPositions >= this.limits.maxOpenPositions) {
        return {
          ok: false,
          rule: 'max_open_positions',
          detail: `${x.openPositions} symbols already held or ordered`,
          limit: String(this.limits.maxOpenPositions),
          value: String(x.openPositions + 1),
        };
      }
    }
    return { ok: true, reducing };
  }

  /** Counts an order that passed every check (the per-minute window). */
  recordSubmitted(now: number): void {
    this.recentOrderTimes.push(now);
  }

  toJSON(): RiskStateJson {
    return {
      state: this.state,
      day: this.day,
      dayStartEquity: this.dayStartEquity?.toString() ?? null,
      recentOrderTimes: [...this.recentOrderTimes],
      stateRule: this.stateRule,
    };
  }

  restore(j: RiskStateJson): void {
    this.state = j.state;
    this.stateRule = j.stateRule;
    this.day = j.day;
    this.dayStartEquity = j.dayStartEquity === null ? null : new Decimal(j.dayStartEquity);
    this.dayStartEquityNumber = this.dayStartEquity?.toNumber() ?? Number.NaN;
    this.lossTrigger = this.dayStartEquityNumber * this.limits.maxDailyLoss * (1 - 1e-9);
    this.recentOrderTimes = [...j.recentOrderTimes];
  }

  private forgetOldOrders(now: number): void {
    const t = this.recentOrderTimes;
    let drop = 0;
    while (drop < t.length && t[drop]! <= now - MINUTE_MS) drop++;
    if (drop > 0) t.splice(0, drop);
  }

  private transition(to: TradingState, rule: RiskRule, detail: string, limit?: string, value?: string): RiskTransition {
    const from = this.state;
    this.state = to;
    this.stateRule = to === 'ACTIVE' ? null : rule;
    return { from, to, rule, detail, ...(limit !== undefined ? { limit } : {}), ...(value !== undefined ? { value } : {}) };
  }
}
