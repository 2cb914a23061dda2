import { defineSuite, throughputCase } from '@rustybt/bench';
import { PaperBroker } from '@rustybt/brokers';
import { GbmPath, type BarColumns } from '@rustybt/data-providers';
import { EngineRun, type Bar, type Strategy } from '@rustybt/engine';
// The examples are compiled into this suite rather than loaded with jiti at run time: the
// transpiler's ~60 MB would otherwise count in the engine's peak RSS. Same code, same engine path.
import buyAndHold from '../../../../../examples/buy-and-hold';
import meanReversion from '../../../../../examples/mean-reversion';
import smaCrossover from '../../../../../examples/sma-crossover';
import { backtestCliCases } from './backtest-cli';

const SYMBOL = 'SIM';
const CAPITAL = 100_000;

/** Seeded 1-minute sim bars held in columns (48 bytes a bar), so the bars themselves barely count in the RSS. */
function simColumns(n: number): BarColumns {
  const path = new GbmPath(SYMBOL, '1m', { seed: 1 });
  const c: BarColumns = {
    length: n,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const b = path.next(start + i * 60_000);
    c.time[i] = b.time;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  }
  return c;
}

// Engine and reference both get a fresh Bar object per bar, as a data source hands them over.
const barAt = (c: BarColumns, i: number): Bar => ({
  symbol: SYMBOL,
  time: c.time[i]!,
  open: c.open[i]!,
  high: c.high[i]!,
  low: c.low[i]!,
  close: c.close[i]!,
  volume: c.volume[i]!,
});

interface State {
  bars: BarColumns;
  strategy: Strategy;
}

/** The engine as `rustybt backtest` drives it: paper broker (next-open fills), default risk limits. */
function engineRun(params: Record<string, number>) {
  return async (s: State): Promise<number> => {
    const run = new EngineRun({ runId: 'bench', strategy: s.strategy, broker: new PaperBroker(), symbols: [SYMBOL], capital: CAPITAL, params });
    await run.start();
    const c = s.bars;
    for (let i = 0; i < c.length; i++) run.processBar(barAt(c, i));
    const result = await run.stop();
    if (result.bars !== c.length) throw new Error(`the engine processed ${result.bars} of ${c.length} bars`);
    return result.bars;
  };
}

/**
 * The naive reference: the same strategy written as one plain loop, the way a first backtest is
 * written — floats for money, a growing array of closes, slices for the averages, next-open fills,
 * an equity value per bar, no risk checks, no events. `decide` returns the wanted position, or
 * undefined to keep the one held.
 */
function naiveLoop(decide: (closes: number[], bar: Bar, cash: number, held: number) => number | undefined) {
  return (s: State): number => {
    const c = s.bars;
    const closes: number[] = [];
    const equity: number[] = [];
    let cash = CAPITAL;
    let held = 0;
    let pending = 0;
    for (let i = 0; i < c.length; i++) {
      const bar = barAt(c, i);
      if (pending !== 0) {
        cash -= pending * bar.open;
        held += pending;
        pending = 0;
      }
      closes.push(bar.close);
      const wanted = decide(closes, bar, cash, held);
      if (wanted !== undefined) pending = wanted - held;
      equity.push(cash + held * bar.close);
    }
    if (equity.length !== c.length) throw new Error('naive loop skipped bars');
    return c.length;
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const naiveSma = (fast: number, slow: number, qty: number) =>
  naiveLoop((closes) => {
    if (closes.length < slow) return undefined;
    const window = closes.slice(-slow);
    return mean(window.slice(-fast)) > mean(window) ? qty : 0;
  });

const naiveMeanReversion = (lookback: number, entry: number, exit: number, qty: number) =>
  naiveLoop((closes, bar, _cash, held) => {
    if (closes.length < lookback) return undefined;
    const w = closes.slice(-lookback);
    const m = mean(w);
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / lookback);
    const z = sd > 0 ? (bar.close - m) / sd : 0;
    return z < -entry ? qty : z > -exit ? 0 : held;
  });

const naiveBuyAndHold = (fraction: number) => naiveLoop((closes, bar, cash) => (closes.length === 1 ? Math.floor((cash * fraction) / bar.close) : undefined));

interface Example {
  strategy: Strategy;
  label: string;
  params: Record<string, number>;
  naive: (s: State) => number;
}

const EXAMPLES: Example[] = [
  { strategy: smaCrossover as Strategy, label: 'SMA(10,30) crossover', params: { fast: 10, slow: 30, qty: 1 }, naive: naiveSma(10, 30, 1) },
  {
    strategy: meanReversion as Strategy,
    label: 'mean reversion (20, 2 sd)',
    params: { lookback: 20, entry: 2, exit: 0, qty: 1 },
    naive: naiveMeanReversion(20, 2, 0, 1),
  },
  { strategy: buyAndHold as unknown as Strategy, label: 'buy and hold', params: { fraction: 0.95 }, naive: naiveBuyAndHold(0.95) },
];

function backtestCase(example: Example, bars: number, goals: string[]) {
  return throughputCase<State>({
    name: `${example.label}, ${bars.toLocaleString('en-US')} 1m bars`,
    unit: 'bars',
    setup: () => ({ bars: simColumns(bars), strategy: example.strategy }),
    run: engineRun(example.params),
    reference: { name: 'naive float loop', run: example.naive },
    iterations: bars >= 1_000_000 ? { full: 5, quick: 2 } : { full: 10, quick: 3 },
    warmup: { full: 1, quick: 1 },
    goals,
    isolate: true,
  });
}

/** The engine alone in its child (no reference loop beside it), so the peak RSS is the engine's own. */
function peakRssCase(example: Example, bars: number) {
  return throughputCase<State>({
    name: `${example.label}, ${bars.toLocaleString('en-US')} 1m bars, engine alone (peak RSS)`,
    unit: 'bars',
    setup: () => ({ bars: simColumns(bars), strategy: example.strategy }),
    run: engineRun(example.params),
    iterations: { full: 3, quick: 1 },
    warmup: { full: 0, quick: 0 },
    goals: ['rss <= 300MB'],
    isolate: true,
  });
}

// Every case in its own child. The goal: SMA(10,30) over 1,000,000 bars at >= 1e6 bars/s
// (first case, against the naive loop in the same child) within 300 MB peak RSS (second case).
export default defineSuite({
  name: 'backtest',
  description:
    'engine + paper broker over sim 1m bars (bars/s, peak RSS) for three examples at two sizes vs a naive float loop; the rustybt backtest process over a generated CSV vs grademark 0.3.0, and a sweep on 2 threads vs 1',
  cases: [
    backtestCase(EXAMPLES[0]!, 1_000_000, ['>= 1e6 bars/s']),
    peakRssCase(EXAMPLES[0]!, 1_000_000),
    backtestCase(EXAMPLES[0]!, 100_000, []),
    backtestCase(EXAMPLES[1]!, 1_000_000, []),
    backtestCase(EXAMPLES[1]!, 100_000, []),
    backtestCase(EXAMPLES[2]!, 1_000_000, []),
    backtestCase(EXAMPLES[2]!, 100_000, []),
    // The whole `rustybt backtest` path: the CLI's own figure, against grademark, peak RSS, sweeps on two threads.
    ...backtestCliCases(),
  ],
});
