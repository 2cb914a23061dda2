import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { z } from 'zod';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { formatReport, overall, type CheckReport } from './checks';
import { venueBroker } from './open-venue';
import { paperChecks } from './paper-checks';
import { venueChecks } from './venue-checks';
import { venueFlagsSchema, venueTarget } from './venue-flags';

const flagsSchema = venueFlagsSchema.extend({ symbol: z.string().default('BTC/USDT'), placeTestOrder: z.boolean().optional() });

export async function runTestBroker(rawOpts: Record<string, unknown>, cmd: Command): Promise<void> {
  const flags = flagsSchema.parse(rawOpts);
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)?$/.test(flags.symbol)) throw new CliError(`bad --symbol '${flags.symbol}'. Give a market such as BTC/USDT`);
  const warnings: string[] = [];
  let report: CheckReport;
  if (flags.broker.trim().toLowerCase() === 'paper') {
    if (flags.apiUrl || flags.testnet || flags.placeTestOrder)
      throw new CliError('--api-url, --testnet and --place-test-order apply to venues, not to paper. Drop them or pick a ccxt exchange id');
    report = { broker: 'paper', target: 'simulated', checks: await paperChecks(flags.symbol), result: 'PASS' };
  } else {
    const target = venueTarget(flags);
    const broker = await venueBroker(target, (e) => warnings.push(e.message));
    try {
      const where =
        [target.testnet ? 'testnet' : undefined, target.apiUrl ? `api-url ${target.apiUrl}` : undefined].filter(Boolean).join(', ') || 'live endpoints';
      report = { broker: target.exchangeId, target: where, checks: await venueChecks(broker, flags.symbol, flags.placeTestOrder === true), result: 'PASS' };
    } finally {
      await broker.close();
    }
  }
  report.result = overall(report.checks);
  const text = globalsOf(cmd).json ? `${JSON.stringify({ ...report, warnings }, null, 2)}\n` : formatReport(report);
  if (flags.output) writeFileAtomic(flags.output, text);
  else process.stdout.write(text);
  if (report.result === 'FAIL') process.exitCode = 1;
}
