/**
 * The reference of the backtest-cli cases: the same SMA(fast, slow) crossover written for
 * grademark 0.3.0 as its README and tests write a strategy. Data goes through data-forge (its
 * peer), the averages are data-forge-indicators' sma() (a rolling window average indexed by the
 * window's last bar), rules look at each bar's close, and grademark enters and exits at the
 * next bar's open. Run as its own process: `node <script> <csv> <fast> <slow> <trades.json> <resolve-from>`.
 */
export const GRADEMARK_SMA_SCRIPT = String.raw`'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const [file, fast, slow, out, resolveFrom] = process.argv.slice(2);
const req = require('node:module').createRequire(resolveFrom);
const dataForge = req('data-forge');
const { backtest } = req('grademark');
const F = Number(fast), S = Number(slow);
let input = dataForge.fromCSV(readFileSync(file, 'utf8'))
  .parseFloats(['open', 'high', 'low', 'close', 'volume'])
  .select((r) => ({ time: new Date(r.time), open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume }))
  .bake();
const closes = input.deflate((bar) => bar.close);
const sma = (n) => closes.rollingWindow(n).select((w) => [w.getIndex().last(), w.average()]).withIndex((p) => p[0]).select((p) => p[1]);
input = input.withSeries('fast', sma(F)).withSeries('slow', sma(S)).skip(S - 1).bake();
const strategy = {
  entryRule: (enter, args) => { if (args.bar.fast > args.bar.slow) enter({ direction: 'long' }); },
  exitRule: (exit, args) => { if (!(args.bar.fast > args.bar.slow)) exit(); },
};
const trades = backtest(strategy, input);
writeFileSync(out, JSON.stringify(trades.map((t) => ({ entryTime: t.entryTime.getTime(), entryPrice: t.entryPrice, exitTime: t.exitTime.getTime(), exitPrice: t.exitPrice }))));
`;

export interface SimpleTrade {
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
}

export interface Bars {
  n: number;
  time: Float64Array;
  open: Float64Array;
  close: Float64Array;
}

function indexOfTimes(bars: Bars): Map<number, number> {
  const at = new Map<number, number>();
  for (let i = 0; i < bars.n; i++) at.set(bars.time[i]!, i);
  return at;
}

/**
 * What grademark must report, given the fills of rustybt's run. rustybt decides on bar i's
 * close and holds from bar i+1's open, so its position on bar i+1 is its signal on bar i.
 * grademark's documented conventions then give: no rule runs on the bar a position is entered
 * or exited on; an exit rule at bar i closes at bar i+1's open; a position open at the end is
 * closed at the last close.
 */
export function grademarkTradesFor(fills: readonly { time: number; side: 'buy' | 'sell' }[], bars: Bars, slow: number): SimpleTrade[] {
  const at = indexOfTimes(bars);
  const held = new Uint8Array(bars.n);
  // Fills of one unit, long or flat: a buy holds from its bar on, a sell is flat from its bar on.
  for (let k = 0; k < fills.length; k++) {
    if (fills[k]!.side !== 'buy') continue;
    const end = k + 1 < fills.length ? at.get(fills[k + 1]!.time)! : bars.n;
    for (let i = at.get(fills[k]!.time)!; i < end; i++) held[i] = 1;
  }
  const signal = (i: number) => i + 1 < bars.n && held[i + 1] === 1;
  const out: SimpleTrade[] = [];
  let state: 'none' | 'enter' | 'position' | 'exit' = 'none';
  let entry = -1;
  for (let i = slow - 1; i < bars.n; i++) {
    if (state === 'none') {
      if (signal(i)) state = 'enter';
    } else if (state === 'enter') {
      entry = i;
      state = 'position';
    } else if (state === 'position') {
      if (!signal(i)) state = 'exit';
    } else {
      out.push({ entryTime: bars.time[entry]!, entryPrice: bars.open[entry]!, exitTime: bars.time[i]!, exitPrice: bars.open[i]! });
      state = 'none';
    }
  }
  if (state === 'position' || state === 'exit')
    out.push({ entryTime: bars.time[entry]!, entryPrice: bars.open[entry]!, exitTime: bars.time[bars.n - 1]!, exitPrice: bars.close[bars.n - 1]! });
  return out;
}

/** The first difference between two trade lists, or undefined when they agree. */
export function firstDifference(expected: readonly SimpleTrade[], actual: readonly SimpleTrade[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(expected[i] ?? null);
    const b = JSON.stringify(actual[i] ?? null);
    if (a !== b) return `trade ${i + 1} of ${expected.length}/${actual.length}: expected ${a}, grademark ${b}`;
  }
  return undefined;
}
