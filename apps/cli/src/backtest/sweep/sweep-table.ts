import { paperBrokerConfigSchema } from '@rustybt/brokers';
import { money, twoDecimals } from '../../format/money';
import { pct, signedPct } from '../../format/percent';
import { describeCosts } from '../report';
import type { SweepDoc } from './sweep-doc';

const HEAD = ['rank', 'params', 'return', 'CAGR', 'Sharpe', 'max DD', 'trades', 'fees', 'equity'];

/** The ranked table a person reads; every figure of every run is in --json / --output. */
export function renderSweepTable(doc: SweepDoc): string {
  const rows = doc.runs.map((r, i) => {
    const s = r.summary;
    const params = r.params.join(' ');
    if (!s) return [String(i + 1), params, `failed: ${r.error ?? 'unknown error'}`];
    return [
      String(i + 1),
      params,
      signedPct(Number(s.totalReturn)),
      signedPct(s.cagr),
      twoDecimals(s.sharpe),
      pct(s.maxDrawdown),
      String(s.trades),
      money(s.fees),
      money(s.finalEquity),
    ];
  });
  const widths = HEAD.map((h, c) => Math.max(h.length, ...rows.filter((r) => r.length > 3 || c < 2).map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((v, c) => (c === cells.length - 1 ? v : c < 2 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const w = doc.sweep;
  const shard = w.shards.length === w.shard.count ? '' : `, shard${w.shards.length > 1 ? 's' : ''} ${w.shards.join(',')} of ${w.shard.count}`;
  const title = `sweep of ${w.strategy} over ${w.data} ${w.symbols.join(',')} ${w.interval}: ${doc.runs.length} of ${w.combinations} combinations${shard}, ranked by ${w.sort}`;
  // Every combination trades under the same models: say which, as a single run's summary does.
  const broker = paperBrokerConfigSchema.safeParse(doc.runs.find((r) => r.summary)?.summary?.['broker']);
  return [title, ...(broker.success ? [`costs ${describeCosts(broker.data)}`] : []), line(HEAD), ...rows.map(line)].join('\n');
}
