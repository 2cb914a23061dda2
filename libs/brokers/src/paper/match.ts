import { numberOf, toDecimal, type Bar, type Decimal, type OrderSide, type OrderType } from '@rustybt/engine';

export interface Matchable {
  side: OrderSide;
  type: OrderType;
  limitPrice?: Decimal;
  stopPrice?: Decimal;
}

export interface MatchResult {
  /** Price before slippage, or undefined when the order does not trade on this bar. */
  price?: Decimal;
  /** Fill at a price the market offered on arrival (open, gap, submission close) rather than at a resting limit. */
  taker: boolean;
  /** A stop or stop-limit whose stop price has been reached (it then behaves as market or limit). */
  triggered: boolean;
}

// Bar prices repeat (a tick grid): toDecimal keeps recent ones instead of parsing each again.
// Bar prices are numbers; order prices are decimals compared at their nearest double, the same
// double a bar would hold for that price.
const num = (d: Decimal | undefined) => numberOf(d!);
// "Better or equal" for the order's side: a buy wants lower prices, a sell higher.
const atOrBetter = (side: OrderSide, price: number, limit: number) => (side === 'buy' ? price <= limit : price >= limit);
// Has the market reached a stop: buy stops trigger at or above, sell stops at or below.
const reached = (side: OrderSide, price: number, stop: number) => (side === 'buy' ? price >= stop : price <= stop);

/**
 * next-open: the bar's open is the first price the order can meet; the range (high/low) is crossed
 * after it. A gap through a limit fills at the (better) open, a gap through a stop at the (worse)
 * open. A stop-limit triggered inside the bar fills at its stop when that is within the limit;
 * otherwise it rests as a limit from the next bar (the bar's path after the trigger is unknown).
 */
export function matchNextOpen(o: Matchable, triggered: boolean, bar: Bar): MatchResult {
  const open = bar.open;
  if (o.type === 'market') return { price: toDecimal(open), taker: true, triggered: false };
  const best = o.side === 'buy' ? bar.low : bar.high;
  const worst = o.side === 'buy' ? bar.high : bar.low;
  const limitFill = (isTriggered: boolean): MatchResult => {
    const limit = num(o.limitPrice);
    if (atOrBetter(o.side, open, limit)) return { price: toDecimal(open), taker: true, triggered: isTriggered };
    if (atOrBetter(o.side, best, limit)) return { price: o.limitPrice!, taker: false, triggered: isTriggered };
    return { taker: false, triggered: isTriggered };
  };
  switch (o.type) {
    case 'limit':
      return limitFill(false);
    case 'stop': {
      const stop = num(o.stopPrice);
      if (triggered || reached(o.side, open, stop)) return { price: toDecimal(open), taker: true, triggered: true };
      if (reached(o.side, worst, stop)) return { price: o.stopPrice!, taker: true, triggered: true };
      return { taker: true, triggered: false };
    }
    case 'stop_limit': {
      const stop = num(o.stopPrice);
      if (triggered || reached(o.side, open, stop)) return limitFill(true);
      if (reached(o.side, worst, stop)) {
        if (atOrBetter(o.side, stop, num(o.limitPrice))) return { price: o.stopPrice!, taker: true, triggered: true };
        return { taker: false, triggered: true };
      }
      return { taker: false, triggered: false };
    }
  }
}

/** close: the bar's close is the only price there is. */
export function matchClose(o: Matchable, triggered: boolean, bar: Bar, onSubmissionBar: boolean): MatchResult {
  const close = bar.close;
  const taker = onSubmissionBar || o.type === 'market' || o.type === 'stop';
  const fill = (isTriggered: boolean): MatchResult => ({ price: toDecimal(close), taker, triggered: isTriggered });
  switch (o.type) {
    case 'market':
      return fill(false);
    case 'limit':
      return atOrBetter(o.side, close, num(o.limitPrice)) ? fill(false) : { taker, triggered: false };
    case 'stop':
      return triggered || reached(o.side, close, num(o.stopPrice)) ? fill(true) : { taker, triggered: false };
    case 'stop_limit': {
      const isTriggered = triggered || reached(o.side, close, num(o.stopPrice));
      if (isTriggered && atOrBetter(o.side, close, num(o.limitPrice))) return fill(true);
      return { taker, triggered: isTriggered };
    }
  }
}
