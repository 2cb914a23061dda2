import type { Command } from 'commander';
import { resolveRunnerOptions, runPaperRunner, type RunnerFlags, type RunnerOptions, type RunSummary } from '@rustybt/paper-runner';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { flagsFor } from '@rustybt/paper-runner/flags';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { LiveStatusLine } from './status-line';
import { knowVenueSecrets } from './venue-secrets';
import { formatSummary } from './summary';

/** `rustybt paper-trade`: the runner in the foreground, a live status line on a terminal, a summary at the end. */
export async function runPaperTrade(opts: Record<string, unknown>, cmd: Command): Promise<void> {
  const loaded = loadEffectiveConfig(cmd, typeof opts.logDir === 'string' ? { logDir: opts.logDir } : {});
  const options = resolveRunnerOptions(runnerFlags(opts, loaded), loaded.env);
  await runInForeground(options, cmd);
}

/** The runner flags as commander parsed them (the table names them), with the config's log settings and risk limits. */
export function runnerFlags(opts: Record<string, unknown>, loaded: LoadedRunnerConfig, command: 'paper-trade' | 'live-trade' = 'paper-trade'): RunnerFlags {
  const given: Record<string, unknown> = {};
  for (const f of flagsFor(command)) if (opts[f.key] !== undefined) given[f.key] = opts[f.key];
  return {
    ...(given as RunnerFlags),
    strategy: String(opts.strategy),
    ...(loaded.config.logDir ? { logDir: loaded.config.logDir } : {}),
    logLevel: loaded.config.logLevel,
    ...(loaded.config.yahooUrl ? { yahooUrl: loaded.config.yahooUrl } : {}),
    ...(loaded.config.risk ? { risk: loaded.config.risk } : {}),
    ...(loaded.config.alerts ? { alerts: loaded.config.alerts } : {}),
    ...(loaded.config.api ? { api: loaded.config.api } : {}),
    ...(loaded.config.paper ? { paper: loaded.config.paper } : {}),
  };
}

/** Runs a checked session in the foreground until it stops; prints the summary and sets the exit code. */
export async function runInForeground(options: RunnerOptions, cmd: Command): Promise<void> {
  knowVenueSecrets(options);
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
