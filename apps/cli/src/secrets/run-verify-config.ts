import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { exitCodeOf, renderChecks, verifyConfig } from '../verify-config/index';

export interface VerifyConfigFlags {
  online?: boolean;
  live?: boolean;
  apiUrl?: string;
  testnet?: boolean;
  output?: string;
}

/** `rustybt verify-config`: every check PASS/WARN/FAIL/SKIP; exit 1 when one failed. */
export async function runVerifyConfig(flags: VerifyConfigFlags, cmd: Command): Promise<void> {
  if ((flags.apiUrl !== undefined || flags.testnet) && !flags.online)
    throw new CliError('--api-url and --testnet apply to --online. Add --online or drop them');
  const globals = globalsOf(cmd);
  const checks = await verifyConfig({
    ...(globals.config ? { configFile: globals.config } : {}),
    ...(flags.online ? { online: true } : {}),
    ...(flags.live ? { live: true } : {}),
    ...(flags.apiUrl ? { apiUrl: flags.apiUrl } : {}),
    ...(flags.testnet ? { testnet: true } : {}),
  });
  const code = exitCodeOf(checks);
  const text = globals.json
    ? `${JSON.stringify({ result: code === 0 ? (checks.some((c) => c.status === 'WARN') ? 'WARN' : 'PASS') : 'FAIL', checks }, null, 2)}\n`
    : renderChecks(checks);
  if (flags.output) writeFileAtomic(flags.output, text);
  else process.stdout.write(text);
  if (code !== 0) process.exitCode = code;
}
