import { fillToJson, type RunResult } from '@rustybt/engine';

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

export interface BacktestSummary {
  strategy: string;
  data: string;
  symbols: string[];
  interval: string;
  fillAt: string;
  seed: number;
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
}

export function summarize(result: RunResult, meta: Pick<BacktestSummary, 'strategy' | 'data' | 'symbols' | 'interval' | 'fillAt' | 'seed'>, elapsedMs: number): BacktestSummary {
  return {
    ...meta,
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

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function renderSummary(s: BacktestSummary): string {
  const rows: [string, string][] = [
    ['strategy', s.strategy],
    ['data', `${s.data} ${s.symbols.join(',')} ${s.interval} (fill at ${s.fillAt}, seed ${s.seed})`],
    ['period', s.period.from ? `${s.period.from} .. ${s.period.to}` : '(no bars)'],
    ['bars', String(s.bars)],
    ['trades', `${s.trades} (${s.fills} fills)`],
    ['total return', `${pct(Number(s.totalReturn))} (equity ${s.capital} -> ${s.finalEquity}, fees ${s.fees})`],
    ['CAGR', pct(s.cagr)],
    ['Sharpe', s.sharpe.toFixed(2)],
    ['max drawdown', pct(s.maxDrawdown)],
    ['exposure', pct(s.exposure)],
    ['risk rejections', String(s.riskRejections)],
    ['bars/s', `${s.barsPerSecond.toLocaleString('en-US')} (${s.elapsedMs} ms)`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(16)}${v}`).join('\n');
}

/** The --output document: times ISO 8601 UTC, money and quantities as decimal strings. */
export function outputDocument(s: BacktestSummary, result: RunResult) {
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
    run: { strategy: s.strategy, data: s.data, symbols: s.symbols, interval: s.interval, fillAt: s.fillAt, seed: s.seed },
    trades: result.trades.map((t) => ({
      symbol: t.symbol,
      side: t.side,
      entryTime: iso(t.entryTime),
      entryPrice: t.entryPrice.toString(),
      exitTime: iso(t.exitTime),
      exitPrice: t.exitPrice.toString(),
      quantity: t.quantity.toString(),
      pnl: t.pnl.toString(),
    })),
    fills: result.fills.map((f) => ({ ...fillToJson(f), time: iso(f.time) })),
    equity: result.equity.map((p) => ({ time: iso(p.time), equity: p.equity.toString() })),
  };
}
