import type { Command } from 'commander';
import { resolveRunnerOptions, runPaperRunner, type RunnerFlags, type RunnerOptions, type RunSummary } from '@rustybt/paper-runner';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { LiveStatusLine } from './status-line';
import { formatSummary } from './summary';

/** `rustybt paper-trade`: the runner in the foreground, a live status line on a terminal, a summary at the end. */
export async function runPaperTrade(opts: Record<string, unknown>, cmd: Command): Promise<void> {
  const loaded = loadEffectiveConfig(cmd, typeof opts.logDir === 'string' ? { logDir: opts.logDir } : {});
  const options = resolveRunnerOptions(runnerFlags(opts, loaded), loaded.env);
  await runInForeground(options, cmd);
}

/** The runner flags both paper-trade and live-trade take, with the config's log settings and risk limits. */
export function runnerFlags(opts: Record<string, unknown>, loaded: LoadedRunnerConfig): RunnerFlags {
  return {
    strategy: String(opts.strategy),
    ...(typeof opts.broker === 'string' ? { broker: opts.broker } : {}),
    ...(typeof opts.data === 'string' ? { data: opts.data } : {}),
    ...(typeof opts.symbol === 'string' ? { symbol: opts.symbol } : {}),
    ...(typeof opts.interval === 'string' ? { interval: opts.interval } : {}),
    ...(typeof opts.duration === 'string' ? { duration: opts.duration } : {}),
    ...(typeof opts.session === 'string' ? { session: opts.session } : {}),
    ...(loaded.config.logDir ? { logDir: loaded.config.logDir } : {}),
    logLevel: loaded.config.logLevel,
    ...(typeof opts.heartbeat === 'string' ? { heartbeat: opts.heartbeat } : {}),
    ...(typeof opts.port === 'string' ? { port: opts.port } : {}),
    ...(typeof opts.capital === 'string' ? { capital: opts.capital } : {}),
    ...(Array.isArray(opts.param) ? { param: opts.param as string[] } : {}),
    ...(typeof opts.speed === 'string' ? { speed: opts.speed } : {}),
    ...(opts.testnet === true ? { testnet: true } : {}),
    ...(typeof opts.apiUrl === 'string' ? { apiUrl: opts.apiUrl } : {}),
    ...(loaded.config.yahooUrl ? { yahooUrl: loaded.config.yahooUrl } : {}),
    ...(typeof opts.reconcile === 'string' ? { reconcile: opts.reconcile } : {}),
    ...(loaded.config.risk ? { risk: loaded.config.risk } : {}),
  };
}

/** Runs a checked session in the foreground until it stops; prints the summary and sets the exit code. */
export async function runInForeground(options: RunnerOptions, cmd: Command): Promise<void> {
  let line: LiveStatusLine | undefined;
  const say = (text: string) => (line ? line.print(text) : process.stderr.write(`${text}\n`));
  const { summary, exitCode } = await runPaperRunner({ ...options, notice: say }, (runner) => {
    line = new LiveStatusLine(process.stderr, () => runner.progress());
    line.start();
    if (line.enabled) say('Ctrl-C stops it (a second Ctrl-C exits at once)');
  });
  line?.stop();
  writeSummary(summary, globalsOf(cmd).json);
  process.exitCode = exitCode;
}

function writeSummary(summary: RunSummary, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
}
