import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { CliError } from '../errors';
import { findLockfile } from '@rustybt/paper-runner/validation';
import { withStore } from './sessions';
import type { SessionSetup, ValidateSetup, VenueSetup } from './setup';

export interface SetupFlags {
  session?: string;
  strategy?: string;
  broker?: string;
  testnet?: boolean;
  apiUrl?: string;
}

const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DEFAULT_STRATEGY = join('examples', 'sma-crossover.ts');

function sessionOf(name: string, loaded: LoadedRunnerConfig): SessionSetup {
  if (!SESSION_NAME.test(name)) throw new CliError(`bad --session '${name}'. Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  const stateFile = join(loaded.layout.state, `${name}.db`);
  if (!existsSync(stateFile))
    throw new CliError(`no session '${name}' in ${loaded.layout.state}. Check --session and RUSTYBT_HOME ('rustybt status' lists the latest)`);
  let meta: Record<string, string> = {};
  try {
    meta = withStore(stateFile, (s) => s.meta());
  } catch {
    // A damaged state file is the database validator's finding, not an input error.
  }
  return { name, stateFile, meta };
}

/** --strategy, else the session's, else examples/sma-crossover.ts here or beside this installation. */
function strategyOf(flag: string | undefined, session: SessionSetup | undefined, cwd: string, lockfile: string | undefined): string {
  const candidates =
    flag !== undefined
      ? [resolve(cwd, flag)]
      : session?.meta.strategy
        ? [session.meta.strategy]
        : [resolve(cwd, DEFAULT_STRATEGY), ...(lockfile ? [join(dirname(lockfile), DEFAULT_STRATEGY)] : [])];
  const found = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (found) return found;
  if (flag !== undefined) throw new CliError(`strategy file ${flag} not found. Check the --strategy path`);
  if (session) throw new CliError(`session ${session.name} runs ${session.meta.strategy}, which no longer exists. Pass --strategy with the file it runs`);
  throw new CliError(`no strategy to validate: ${DEFAULT_STRATEGY} is not here. Pass --strategy <file> or --session <name>`);
}

function venueOf(flags: SetupFlags, session: SessionSetup | undefined): VenueSetup | undefined {
  const broker = (flags.broker ?? session?.meta.broker ?? 'paper').trim().toLowerCase();
  if (broker === 'paper') {
    if (flags.testnet || flags.apiUrl) throw new CliError('--testnet and --api-url apply to a venue. Add --broker <exchange id>');
    return undefined;
  }
  if (!/^[a-z0-9]+$/.test(broker)) throw new CliError(`bad --broker '${flags.broker}'. Use paper or a ccxt exchange id such as binance or bybit`);
  if (flags.apiUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.apiUrl))
    throw new CliError(`bad --api-url '${flags.apiUrl}'. Give a base URL such as http://127.0.0.1:8900`);
  return { exchange: broker, testnet: flags.testnet === true, ...(flags.apiUrl ? { apiUrl: flags.apiUrl } : {}) };
}

const paramsOf = (session: SessionSetup | undefined): string[] =>
  Object.entries(JSON.parse(session?.meta.params ?? '{}') as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);

/** Everything a validation run needs, checked before any validator starts (bad input: exit 2). */
export function resolveSetup(flags: SetupFlags, loaded: LoadedRunnerConfig, version: string, cwd = process.cwd()): ValidateSetup {
  const lockfile = findLockfile();
  const session = flags.session !== undefined ? sessionOf(flags.session, loaded) : undefined;
  const venue = venueOf(flags, session);
  return {
    env: loaded.env,
    layout: loaded.layout,
    loaded,
    cwd,
    strategyFile: strategyOf(flags.strategy, session, cwd, lockfile),
    params: paramsOf(session),
    data: session?.meta.data ?? 'sim',
    symbol: session?.meta.symbol || 'SIM',
    ...(session ? { session } : {}),
    ...(venue ? { venue } : {}),
    ...(lockfile ? { lockfile } : {}),
    version,
  };
}
