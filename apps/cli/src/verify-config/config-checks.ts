import { accessSync, closeSync, constants, existsSync, openSync, rmSync, statfsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { riskLimitsSchema } from '@rustybt/engine';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { fail, pass, skip, warn, type ConfigCheck } from './check';

/** config.yaml, the .env files and RUSTYBT_* variables through the strict schema; an error names its file:line or variable. */
export function schemaCheck(load: () => LoadedRunnerConfig): { check: ConfigCheck; loaded?: LoadedRunnerConfig } {
  const title = 'config.yaml against the schema';
  try {
    const loaded = load();
    return {
      loaded,
      check: pass('config.schema', title, loaded.configFile ? 'valid (strict: no unknown keys)' : 'no config.yaml; defaults apply', loaded.configFile),
    };
  } catch (err) {
    if ((err as { exitCode?: unknown }).exitCode !== 2) throw err;
    const message = (err as Error).message;
    const located = /^(.+?:\d+): (.*?)\. (See .*)$/.exec(message);
    if (located) return { check: fail('config.schema', title, located[2]!, located[3]!, located[1]) };
    const variable = /^environment variable (\S+): (.*)$/.exec(message);
    if (variable) return { check: fail('config.schema', title, variable[2]!, 'Fix or unset it', variable[1]) };
    return { check: fail('config.schema', title, message, 'See rustybt config schema') };
  }
}

/** Common prudence for one account: a position of 10 % of equity, a day's loss of 5 %, 2x gross exposure. */
export const PRUDENT = { maxPositionFraction: 0.1, maxDailyLoss: 0.05, maxLeverage: 2 } as const;
const LIVE_REQUIRED = ['maxNotionalPerOrder', 'maxDailyLoss'] as const;

/** Risk limits: set in config.yaml, within prudence; for a live session the required ones set on purpose. */
export function riskCheck(loaded: LoadedRunnerConfig, live: boolean): ConfigCheck {
  const title = 'risk limits';
  const limits = riskLimitsSchema.parse(loaded.config.risk ?? {});
  const where = (key: string) => loaded.sources[`risk.${key}`]?.replace(/^file:/, '') ?? 'default';
  if (live) {
    const missing = LIVE_REQUIRED.filter((k) => !loaded.sources[`risk.${k}`]?.startsWith('file:'));
    if (missing.length > 0)
      return fail(
        'risk.limits',
        title,
        `a live session needs ${missing.join(' and ')} set in config.yaml`,
        `Add them under risk: in ${loaded.configFile ?? 'config.yaml'} (or pass them to live-trade as flags)`,
        loaded.configFile,
      );
  }
  const loose = (Object.keys(PRUDENT) as (keyof typeof PRUDENT)[]).filter((k) => limits[k] > PRUDENT[k]);
  if (loose.length > 0) {
    const first = loose[0]!;
    const text = loose.map((k) => `${k} ${limits[k]} (${where(k)}) is above ${PRUDENT[k]}`).join('; ');
    return warn(
      'risk.limits',
      title,
      text,
      `Lower them under risk: in config.yaml unless you mean it (prudence: position 10% of equity, daily loss 5%, leverage 2x)`,
      where(first) === 'default' ? undefined : where(first),
    );
  }
  const set = Object.keys(loaded.config.risk ?? {}).length;
  return pass(
    'risk.limits',
    title,
    `${set} limits set; position ${limits.maxPositionFraction}, daily loss ${limits.maxDailyLoss}, leverage ${limits.maxLeverage}${limits.maxNotionalPerOrder !== undefined ? `, notional per order ${limits.maxNotionalPerOrder}` : ''}`,
    loaded.configFile,
  );
}

/** The log folder exists and takes a new file, or can be created. */
export function logDirCheck(dir: string): ConfigCheck {
  const title = 'log directory writable';
  if (existsSync(dir)) {
    const probe = join(dir, `.rustybt-write-test-${randomBytes(4).toString('hex')}`);
    try {
      closeSync(openSync(probe, 'wx', 0o600));
      rmSync(probe, { force: true });
      return pass('logs.writable', title, 'a file can be created', dir);
    } catch (err) {
      return fail(
        'logs.writable',
        title,
        `cannot create a file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'Fix the ownership or permissions of the folder, or set logDir in config.yaml',
        dir,
      );
    }
  }
  const parent = nearestExisting(dir);
  try {
    accessSync(parent, constants.W_OK);
    return pass('logs.writable', title, `does not exist yet; ${parent} lets the runner create it`, dir);
  } catch {
    return fail('logs.writable', title, `does not exist and ${parent} is not writable`, 'Create it or set logDir in config.yaml', dir);
  }
}

const MB = 1024 * 1024;
/** Free space where state and logs live: under 100 MB a FAIL, under 1 GB a WARN. */
export function diskCheck(home: string): ConfigCheck {
  const title = 'free disk space';
  const at = nearestExisting(home);
  let free: number;
  try {
    const s = statfsSync(at);
    free = Number(s.bavail) * Number(s.bsize);
  } catch (err) {
    return warn('disk.free', title, `cannot measure (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'Check the disk with df', at);
  }
  const text = `${(free / MB).toFixed(0)} MB free`;
  if (free < 100 * MB) return fail('disk.free', title, text, 'Free space: a full disk stops the state file and the logs', at);
  if (free < 1024 * MB) return warn('disk.free', title, text, 'Free space or move RUSTYBT_HOME: logs grow every day', at);
  return pass('disk.free', title, text, at);
}

/** The NYSE calendar needs the America/New_York time zone data in this Node build, and a sane clock. */
export async function calendarCheck(now = Date.now()): Promise<ConfigCheck> {
  const title = 'calendar';
  const year = new Date(now).getUTCFullYear();
  if (year < 2024)
    return fail('calendar', title, `the system clock says ${new Date(now).toISOString()}`, 'Set the clock (NTP): bars, sessions and tokens depend on it');
  try {
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(
      new Date(Date.UTC(year, 0, 15, 17)),
    );
    if (hour !== '12') throw new Error(`17:00 UTC reads as ${hour}:00 in New York`);
  } catch (err) {
    return fail(
      'calendar',
      title,
      `no usable America/New_York time zone data (${err instanceof Error ? err.message : String(err)})`,
      'Use a Node build with full ICU (the official binaries)',
    );
  }
  const { nyseHolidays } = await import('@rustybt/data-providers');
  const n = nyseHolidays(year).size;
  return n >= 8
    ? pass('calendar', title, `NYSE ${year}: ${n} holidays; America/New_York time zone data present`)
    : warn('calendar', title, `NYSE ${year}: only ${n} holidays known`, 'Check libs/data-providers/src/calendar for this year');
}

/** The alerts section, once the schema has one: its channels are what the schema accepted. */
export function alertsCheck(loaded: LoadedRunnerConfig, schemaKeys: readonly string[]): ConfigCheck {
  const title = 'alert channels';
  if (!schemaKeys.includes('alerts')) return skip('alerts.channels', title, 'this rustybt has no alerts section yet');
  const alerts = (loaded.config as Record<string, unknown>).alerts as { channels?: unknown } | undefined;
  if (!alerts)
    return warn(
      'alerts.channels',
      title,
      'no alerts configured',
      'Add an alerts section to config.yaml so a halted or silent runner reaches someone',
      loaded.configFile,
    );
  const channels = Array.isArray(alerts.channels)
    ? alerts.channels.length
    : typeof alerts.channels === 'object' && alerts.channels
      ? Object.keys(alerts.channels).length
      : 0;
  return channels > 0
    ? pass('alerts.channels', title, `${channels} channels, well-formed`, loaded.sources.alerts?.replace(/^file:/, '') ?? loaded.configFile)
    : warn('alerts.channels', title, 'an alerts section without channels', 'Add at least one channel', loaded.configFile);
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}
