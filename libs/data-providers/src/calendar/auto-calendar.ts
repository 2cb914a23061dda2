import type { Bar } from '@rustybt/engine';
import type { SourceSpec } from '../spec';
import { ALWAYS_OPEN, NYSE, type TradingCalendar } from './calendar';

const CRYPTO_PAIR = /-(USD|USDT|USDC|EUR|BTC|ETH)$/i;
const NOT_NYSE = /[=.]/;

/**
 * The calendar an instrument most likely trades on, when the user does not say: ccxt and sim are
 * 24/7; Yahoo crypto pairs (BTC-USD) 24/7, other Yahoo symbols with a suffix (EURUSD=X, 7203.T)
 * none we know, the rest NYSE; CSV files 24/7 when any bar falls on a weekend, else NYSE.
 */
export function autoCalendar(spec: SourceSpec, symbol: string, bars: readonly Bar[]): TradingCalendar | undefined {
  const inner = spec.kind === 'replay' ? spec.inner : spec;
  switch (inner.kind) {
    case 'ccxt':
    case 'sim':
      return ALWAYS_OPEN;
    case 'yahoo':
      if (CRYPTO_PAIR.test(symbol)) return ALWAYS_OPEN;
      return NOT_NYSE.test(symbol) ? undefined : NYSE;
    case 'csv':
      return bars.some((b) => {
        const day = new Date(b.time).getUTCDay();
        return day === 0 || day === 6;
      })
        ? ALWAYS_OPEN
        : NYSE;
  }
}
