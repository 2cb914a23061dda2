import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { readSessionStatus, type StatusReport } from '@rustybt/paper-runner';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { knowSecrets } from '../stderr-redaction';
import { money } from '../format/money';
import { orderCounts } from '../format/order-counts';
import { clock } from './status-line';

export async function runStatus(opts: { session?: string; url?: string; token?: string; output?: string }, cmd: Command): Promise<void> {
  const { layout, env } = loadEffectiveConfig(cmd);
  const token = opts.token ?? (env.RUSTYBT_API_TOKEN?.trim() || undefined);
  knowSecrets([token]);
  if (opts.url !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.url))
    throw new CliError(`bad --url '${opts.url}'. Give the runner's endpoint, e.g. http://127.0.0.1:9464`);
  const report = await readSessionStatus({
    stateDir: layout.state,
    ...(opts.session ? { session: opts.session } : {}),
    ...(opts.url ? { url: opts.url } : {}),
    ...(token ? { token } : {}),
  });
  const text = globalsOf(cmd).json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report);
  if (opts.output) writeFileAtomic(opts.output, text);
  else process.stdout.write(text);
}

export function formatStatus(r: StatusReport): string {
  const lines: string[] = [];
  const where = r.running ? `running (pid ${r.pid}, ${r.url}, up ${clock((r.uptimeSeconds ?? 0) * 1000)}, ${r.state})` : 'not running';
  lines.push(`session   ${r.session}: ${where}`);
  if (r.strategy) lines.push(`strategy  ${r.strategy}  broker ${r.broker}  data ${r.data}  symbol ${r.symbol}`);
  if (!r.running && r.lastStop) lines.push(`stopped   ${r.lastStop.at} (${r.lastStop.reason})`);
  lines.push(`restarts  ${r.restarts}`);
  lines.push(`bars      ${r.barsProcessed}${r.lastBarTime ? ` (last ${r.lastBarTime})` : ''}`);
  lines.push(
    `equity    ${r.equity === null ? '-' : money(r.equity)}${r.cash.length ? `  cash ${r.cash.map((c) => `${money(c.amount)} ${c.asset}`).join(', ')}` : ''}`,
  );
  lines.push(`positions ${r.positions.length === 0 ? 'none' : r.positions.map((p) => `${p.symbol} ${p.quantity} @ ${p.averagePrice}`).join(', ')}`);
  lines.push(`orders    ${orderCounts(r.ordersByStatus)}`);
  for (const o of r.openOrders)
    lines.push(`  open    ${o.clientOrderId} ${o.side} ${o.quantity} ${o.symbol} ${o.type}${o.limitPrice ? ` @ ${o.limitPrice}` : ''} (${o.status})`);
  lines.push(`fills     ${r.recentFills.length === 0 ? 'none' : `last ${r.recentFills.length}:`}`);
  for (const f of r.recentFills) lines.push(`  ${f.time}  ${f.side} ${f.quantity} ${f.symbol} @ ${f.price}  fee ${money(f.commission)}`);
  if (r.alerts)
    lines.push(
      `alerts    sent ${r.alerts.sent}, pending ${r.alerts.pending + r.alerts.held}, digested ${r.alerts.digested}, dead ${r.alerts.dead}${r.alerts.dead > 0 ? ' (dead letters: check the channel, then rustybt test-alerts)' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}
