// Buys when the close falls `entry` standard deviations below its moving average and sells when it
// comes back above `exit` deviations (0 = the average). Long only.
// rustybt backtest --strategy examples/mean-reversion.ts --data sim --param lookback=20 --param entry=2
import { defineStrategy } from '@rustybt/engine';

export default defineStrategy({
  name: 'mean-reversion',
  params: { lookback: 20, entry: 2, exit: 0, qty: 1 },
  onInit(ctx) {
    const { lookback, entry, exit, qty } = ctx.params;
    if (!(Number.isInteger(lookback) && lookback >= 2)) throw new Error(`mean-reversion needs a whole lookback >= 2, got ${lookback}`);
    if (!(entry > exit)) throw new Error(`mean-reversion needs entry > exit, got entry=${entry} exit=${exit}`);
    if (!(qty > 0)) throw new Error(`mean-reversion needs qty > 0, got ${qty}`);
  },
  onBar(ctx, bar) {
    const { lookback, entry, exit, qty } = ctx.params;
    const closes = ctx.history(bar.symbol, 'close', lookback);
    if (closes.length < lookback) return;
    let sum = 0;
    let sq = 0;
    for (const c of closes) {
      sum += c;
      sq += c * c;
    }
    const mean = sum / lookback;
    const sd = Math.sqrt(Math.max(sq / lookback - mean * mean, 0));
    if (sd === 0) return;
    const z = (bar.close - mean) / sd;
    if (z < -entry) ctx.orderTarget(bar.symbol, qty);
    else if (z > -exit) ctx.orderTarget(bar.symbol, 0);
  },
});
