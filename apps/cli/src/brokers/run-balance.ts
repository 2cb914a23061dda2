import type { Command } from 'commander';
import { Decimal } from '@rustybt/engine';
import { writeFileAtomic } from '@rustybt/ops';
import { z } from 'zod';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { venueBroker } from './open-venue';
import { venueFlagsSchema, venueTarget } from './venue-flags';

const flagsSchema = venueFlagsSchema.extend({ quote: z.string().default('USDT') });

interface BalanceRow {
  asset: string;
  free: string;
  used: string;
  total: string;
}
interface PositionRow {
  asset: string;
  quantity: string;
  price: string | null;
  value: string | null;
}

export async function runBalance(rawOpts: Record<string, unknown>, cmd: Command): Promise<void> {
  const flags = flagsSchema.parse(rawOpts);
  if (flags.broker.trim().toLowerCase() === 'paper')
    throw new CliError('balance reads a venue account; a paper session has no venue. Use `rustybt status` for a paper session');
  const quote = flags.quote.toUpperCase();
  if (!/^[A-Z0-9]{2,12}$/.test(quote)) throw new CliError(`bad --quote '${flags.quote}'. Give an asset such as USDT`);
  const target = venueTarget(flags);
  // The broker's warnings (a venue clock off by more than a second) go to stderr, never into the report.
  const broker = await venueBroker(target, (e) => process.stderr.write(`warning: ${e.message}\n`));
  let balances: BalanceRow[];
  let positions: PositionRow[];
  try {
    await broker.open();
    await broker.syncClock();
    const held = (await broker.balances()).filter((b) => !b.total.isZero());
    balances = held.map((b) => ({ asset: b.asset, free: b.free.toString(), used: b.used.toString(), total: b.total.toString() }));
    positions = [];
    for (const b of held.filter((x) => x.asset !== quote)) {
      const symbol = `${b.asset}/${quote}`;
      const price = broker.market(symbol) ? ((await broker.lastPrice(symbol)).last ?? null) : null;
      positions.push({
        asset: b.asset,
        quantity: b.total.toString(),
        price: price?.toString() ?? null,
        value: price ? b.total.mul(price).toDecimalPlaces(8).toString() : null,
      });
    }
  } catch (e) {
    // A venue failure is a failed check (exit 1), reported in the venue's words.
    const err = e as { message?: string; errorType?: string; exitCode?: number };
    if (err.exitCode) throw e;
    throw new CliError(
      `could not read the ${target.exchangeId} account: ${err.message ?? String(e)}${err.errorType ? ` (${err.errorType})` : ''}. Check credentials, --api-url and connectivity with rustybt test-broker`,
      1,
    );
  } finally {
    await broker.close();
  }
  const valued = positions.filter((p) => p.value !== null).reduce((sum, p) => sum.add(p.value as string), new Decimal(0));
  const cash = balances.find((b) => b.asset === quote)?.total ?? '0';
  const report = { broker: target.exchangeId, quote, balances, positions, equity: valued.add(cash).toString() };
  const text = globalsOf(cmd).json ? `${JSON.stringify(report, null, 2)}\n` : formatBalance(report);
  if (flags.output) writeFileAtomic(flags.output, text);
  else process.stdout.write(text);
}

function formatBalance(r: { broker: string; quote: string; balances: BalanceRow[]; positions: PositionRow[]; equity: string }): string {
  const lines = [`balance ${r.broker}`, `${'asset'.padEnd(8)} ${'free'.padStart(20)} ${'used'.padStart(20)} ${'total'.padStart(20)}`];
  for (const b of r.balances) lines.push(`${b.asset.padEnd(8)} ${b.free.padStart(20)} ${b.used.padStart(20)} ${b.total.padStart(20)}`);
  if (r.balances.length === 0) lines.push('(no assets held)');
  lines.push('', `positions (valued in ${r.quote})`);
  for (const p of r.positions)
    lines.push(`${p.asset.padEnd(8)} ${p.quantity.padStart(20)} @ ${(p.price ?? 'no market').padStart(14)} = ${(p.value ?? '-').padStart(18)}`);
  if (r.positions.length === 0) lines.push('(none)');
  lines.push('', `equity   ${r.equity} ${r.quote} (cash + valued positions)`);
  return `${lines.join('\n')}\n`;
}
