import { describeCommission, describeLatency, describeSlippage, type PaperBrokerConfig } from '@rustybt/brokers';
import { fillToJson, type RunResult } from '@rustybt/engine';
import { writeFileAtomic } from '@rustybt/ops';
import { money, twoDecimals } from '../format/money';
import { pct, signedPct } from '../format/percent';
import { isoFormatter } from './iso-time';

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

// A type alias, not an interface: it must fit the sweep document's open record of a summary.
export type BacktestSummary = {
  strategy: string;
  data: string;
  symbols: string[];
  interval: string;
  fillAt: string;
  seed: number;
  /** The strategy's parameters as the run used them (defaults, then --param). */
  params: Record<string, string | number | boolean>;
  /** The paper broker exactly as configured: the models of fills and costs (config.yaml's `paper:` form). */
  broker: PaperBrokerConfig;
  period: { from: string | null; to: string | null };
  bars: number;
  trades: number;
  fills: number;
  capital: string;
  finalEquity: string;
  fees: string;
  totalReturn: string;
  cagr: number;
  sharpe: number;
  maxDrawdown: number;
  exposure: number;
  riskRejections: number;
  elapsedMs: number;
  barsPerSecond: number;
};

export type SummaryMeta = Pick<BacktestSummary, 'strategy' | 'data' | 'symbols' | 'interval' | 'seed' | 'params' | 'broker'>;

export function summarize(result: RunResult, meta: SummaryMeta, elapsedMs: number): BacktestSummary {
  // Fields in a fixed order, however meta was put together: a sweep's run prints byte for byte as a single run.
  return {
    strategy: meta.strategy,
    data: meta.data,
    symbols: meta.symbols,
    interval: meta.interval,
    seed: meta.seed,
    params: meta.params,
    broker: meta.broker,
    fillAt: meta.broker.fillAt,
    period: { from: iso(result.stats.firstTime), to: iso(result.stats.lastTime) },
    bars: result.bars,
    trades: result.trades.length,
    fills: result.fills.length,
    capital: result.initialCapital.toString(),
    finalEquity: result.finalEquity.toString(),
    fees: result.fees.toString(),
    totalReturn: result.totalReturn.toString(),
    cagr: result.stats.cagr,
    sharpe: result.stats.sharpe,
    maxDrawdown: result.stats.maxDrawdown,
    exposure: result.stats.exposure,
    riskRejections: result.riskRejections,
    elapsedMs: Math.round(elapsedMs * 10) / 10,
    barsPerSecond: elapsedMs > 0 ? Math.round(result.bars / (elapsedMs / 1000)) : 0,
  };
}

/** The broker's models as the flags that select them. */
export function describeCosts(b: PaperBrokerConfig): string {
  return `slippage ${describeSlippage(b.slippage)}, commission ${describeCommission(b.commission)}, latency ${describeLatency(b.latency)}, volume limit ${b.volumeLimit}, shorts ${b.allowShort ? 'allowed' : 'off'}`;
}

export function renderSummary(s: BacktestSummary): string {
  const rows: [string, string][] = [
    ['strategy', s.strategy],
    ['data', `${s.data} ${s.symbols.join(',')} ${s.interval} (fill at ${s.fillAt}, seed ${s.seed})`],
    ['period', s.period.from ? `${s.period.from} .. ${s.period.to}` : '(no bars)'],
    ['bars', String(s.bars)],
    ['trades', `${s.trades} (${s.fills} fills)`],
    ['costs', describeCosts(s.broker)],
    ['total return', `${signedPct(Number(s.totalReturn))} (equity ${money(s.capital)} -> ${money(s.finalEquity)}, fees ${money(s.fees)})`],
    ['CAGR', signedPct(s.cagr)],
    ['Sharpe', twoDecimals(s.sharpe)],
    ['max drawdown', pct(s.maxDrawdown)],
    ['exposure', pct(s.exposure)],
    ['risk rejections', String(s.riskRejections)],
    ['bars/s', `${s.barsPerSecond.toLocaleString('en-US')} (${s.elapsedMs} ms)`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(16)}${v}`).join('\n');
}

/** The --output document's header: what ran and its statistics. */
function headerOf(s: BacktestSummary) {
  return {
    stats: {
      bars: s.bars,
      barsPerSecond: s.barsPerSecond,
      totalReturn: s.totalReturn,
      sharpe: s.sharpe,
      maxDrawdown: s.maxDrawdown,
      trades: s.trades,
      cagr: s.cagr,
      exposure: s.exposure,
      capital: s.capital,
      finalEquity: s.finalEquity,
      fees: s.fees,
      riskRejections: s.riskRejections,
      period: s.period,
    },
    run: { strategy: s.strategy, data: s.data, symbols: s.symbols, interval: s.interval, fillAt: s.fillAt, seed: s.seed, params: s.params, broker: s.broker },
  };
}

/** One JSON record per line: as readable as indented JSON, and a list of 100,000 records is written in a blink. */
function records<T>(name: string, items: readonly T[], toJson: (item: T) => unknown): string {
  if (items.length === 0) return `  "${name}": []`;
  const lines = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) lines[i] = `    ${JSON.stringify(toJson(items[i]!))}`;
  return `  "${name}": [\n${lines.join(',\n')}\n  ]`;
}

/**
 * The --output document as text: times ISO 8601 UTC, money and quantities as decimal strings;
 * stats and run indented, trades, fills and equity points one per line.
 */
export function outputText(s: BacktestSummary, result: RunResult): string {
  const iso = isoFormatter();
  const header = JSON.stringify(headerOf(s), null, 2).slice(0, -2);
  const trades = records('trades', result.trades, (t) => ({
    symbol: t.symbol,
    side: t.side,
    entryTime: iso(t.entryTime),
    entryPrice: t.entryPrice.toString(),
    exitTime: iso(t.exitTime),
    exitPrice: t.exitPrice.toString(),
    quantity: t.quantity.toString(),
    pnl: t.pnl.toString(),
  }));
  const fills = records('fills', result.fills, (f) => ({ ...fillToJson(f), time: iso(f.time) }));
  const equity = records('equity', result.equity, (p) => ({ time: iso(p.time), equity: p.equity.toString() }));
  return `${header},\n${trades},\n${fills},\n${equity}\n}\n`;
}

/** Writes the --output document whole or not at all. */
export function writeOutputDocument(path: string, s: BacktestSummary, result: RunResult): void {
  writeFileAtomic(path, outputText(s, result));
}
