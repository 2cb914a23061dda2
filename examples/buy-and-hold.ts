// Spends a fraction of the starting cash on each symbol at the first bar, split evenly, and holds.
// rustybt backtest --strategy examples/buy-and-hold.ts --data sim --param fraction=0.9
import { defineStrategy } from '@rustybt/engine';

export default defineStrategy<{ fraction: number }, { bought: string[] }>({
  name: 'buy-and-hold',
  params: { fraction: 0.95 },
  onInit(ctx) {
    if (!(ctx.params.fraction > 0 && ctx.params.fraction <= 1)) throw new Error(`buy-and-hold needs 0 < fraction <= 1, got ${ctx.params.fraction}`);
    ctx.state.bought = [];
  },
  onBar(ctx, bar) {
    if (ctx.state.bought.includes(bar.symbol)) return;
    ctx.state.bought.push(bar.symbol);
    const budget = ctx.portfolio.cash.mul(ctx.params.fraction).div(ctx.symbols.length - ctx.state.bought.length + 1);
    const quantity = budget.div(bar.close).floor();
    if (quantity.gt(0)) ctx.order(bar.symbol, quantity);
    else ctx.log.warn(`not enough cash for one ${bar.symbol} at ${bar.close}`);
  },
});
