// Long while the fast simple moving average of closes is above the slow one, flat otherwise.
// rustybt backtest --strategy examples/sma-crossover.ts --data sim --param fast=10 --param slow=30
import { defineStrategy } from '@rustybt/engine';

const mean = (xs: readonly number[], from = 0): number => {
  let s = 0;
  for (let i = from; i < xs.length; i++) s += xs[i]!;
  return s / (xs.length - from);
};

export default defineStrategy({
  name: 'sma-crossover',
  params: { fast: 10, slow: 30, qty: 1 },
  onInit(ctx) {
    const { fast, slow, qty } = ctx.params;
    if (!(fast >= 1 && slow > fast && Number.isInteger(fast) && Number.isInteger(slow))) {
      throw new Error(`sma-crossover needs whole numbers 1 <= fast < slow, got fast=${fast} slow=${slow}`);
    }
    if (!(qty > 0)) throw new Error(`sma-crossover needs qty > 0, got ${qty}`);
  },
  onBar(ctx, bar) {
    const { fast, slow, qty } = ctx.params;
    const closes = ctx.history(bar.symbol, 'close', slow);
    if (closes.length < slow) return;
    const long = mean(closes, slow - fast) > mean(closes);
    ctx.orderTarget(bar.symbol, long ? qty : 0);
  },
});
