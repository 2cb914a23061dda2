/**
 * A 10/30 moving-average cross as the text of a strategy file, for what drives a real runner (which
 * loads strategies from files): the runner benchmarks and validate's CPU probe write it into a
 * temporary home.
 */
export const SMA_STRATEGY_SOURCE = `import { defineStrategy } from '@rustybt/engine';
export default defineStrategy({
  params: { fast: 10, slow: 30, qty: 1 },
  historySize: 30,
  onBar(ctx, bar) {
    const closes = ctx.history(bar.symbol, 'close', 30);
    if (closes.length < 30) return;
    let fast = 0, slow = 0;
    for (let i = 0; i < 30; i++) { slow += closes[i]; if (i >= 20) fast += closes[i]; }
    ctx.orderTarget(bar.symbol, fast / 10 > slow / 30 ? 1 : 0);
  },
});
`;
