import type { RunSummary } from '@rustybt/paper-runner';
import { money } from '../format/money';
import { signedPct } from '../format/percent';
import { clock } from './status-line';

/** The end-of-run summary a person reads after Ctrl-C or --duration. */
export function formatSummary(s: RunSummary): string {
  const start = Number(s.startEquity);
  const end = Number(s.equity);
  const change = signedPct(start > 0 ? end / start - 1 : 0);
  const lines = [
    `session ${s.session} stopped: ${s.reason}${s.resumed ? ' (resumed run)' : ''}`,
    `  ran        ${clock(s.elapsedMs)}, ${s.barsThisRun} bars (${s.barsTotal} in the session)`,
    `  orders     ${s.ordersThisRun} submitted, ${s.fillsThisRun} fills (${s.fillsTotal} in the session)`,
    `  equity     ${money(s.startEquity)} -> ${money(s.equity)} (${change}), cash ${money(s.cash)}`,
    `  positions  ${s.positions.length === 0 ? 'none' : s.positions.map((p) => `${p.symbol} ${p.quantity} @ ${p.averagePrice}`).join(', ')}`,
    `  state      ${s.stateFile}`,
    `  logs       ${s.logDir}  (rustybt analyze-uptime reads them)`,
  ];
  if (s.error) lines.push(`  error      ${s.error}`);
  lines.push(`Run the same command again to resume session ${s.session}.`);
  return `${lines.join('\n')}\n`;
}
