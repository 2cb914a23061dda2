import { parseArgs } from 'node:util';
import { deliberateLimits } from './config/effective-limits';
import { loadRunnerConfig } from './config/load-runner-config';
import { parseArgsOptions, usageOf } from './flags/bin-usage';
import { flagsFor } from './flags/flag-table';
import { resolveRunnerOptions, type RunnerFlags } from './options/runner-options';
import { runPaperRunner } from './runner/run';
import { requireValidation } from './validation/gate';
import { version } from './version';

const USAGE = usageOf(
  'usage: paper-runner --strategy <file> [options]\nThe paper runner for supervisors (systemd, PM2): the flags of `rustybt paper-trade`, and it reads\n$RUSTYBT_HOME/config/config.yaml, .env and RUSTYBT_* variables the same way. Restarting it with the\nsame --session resumes the session. SIGINT/SIGTERM stop it gracefully (exit 0).',
  "A venue broker needs credentials (<EXCHANGE>_API_KEY/_API_SECRET or the credential store), and --testnet\nor --api-url unless --live (real money: the supervisor's configuration is the confirmation; explicit risk\nlimits required, from flags or config.yaml).\nExit: 0 stopped, 1 failed (reconciliation mismatch, venue or feed error), 2 bad flags or input.",
);

/** The runner's own entry point: no CLI around it, plain lines on stderr, exit code for the supervisor. */
async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: parseArgsOptions(), strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message.replace(/\.$/, '')}. Run with --help for usage\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    // A supervisor starts this bin instead of `rustybt paper-trade`: it must see the same configuration.
    const loaded = loadRunnerConfig({ ...(typeof values['log-dir'] === 'string' ? { flags: { logDir: values['log-dir'] } } : {}) });
    const flags: Record<string, unknown> = {};
    for (const f of flagsFor('runner')) if (values[f.name] !== undefined) flags[f.key] = values[f.name];
    const options = resolveRunnerOptions(
      {
        ...(flags as RunnerFlags),
        strategy: typeof flags.strategy === 'string' ? flags.strategy : '',
        ...(loaded.config.logDir ? { logDir: loaded.config.logDir } : {}),
        logLevel: typeof flags.logLevel === 'string' ? flags.logLevel : loaded.config.logLevel,
        ...(loaded.config.yahooUrl ? { yahooUrl: loaded.config.yahooUrl } : {}),
        ...(loaded.config.alerts ? { alerts: loaded.config.alerts } : {}),
        ...(loaded.config.api ? { api: loaded.config.api } : {}),
        ...(loaded.config.paper ? { paper: loaded.config.paper } : {}),
        // Real money runs only on limits from flags or config.yaml, never on ones the environment supplied.
        ...(loaded.config.risk ? { risk: values.live ? deliberateLimits(loaded.config.risk, loaded.sources) : loaded.config.risk } : {}),
      },
      loaded.env,
    );
    if (values.live || values['require-validation'] === true) {
      // Real money (or asked for): the same go-live gate as `rustybt live-trade`, validation.required
      // or --require-validation, over the configuration as `rustybt validate` hashed it (no flag layer).
      const gate = requireValidation({ flag: values['require-validation'] === true, loaded: loadRunnerConfig(), strategyFile: options.strategyFile, version });
      if (gate) process.stderr.write(`${gate}\n`);
    }
    const { summary, exitCode } = await runPaperRunner({ ...options, notice: (line) => process.stderr.write(`${line}\n`) });
    process.stderr.write(
      `session ${summary.session} stopped (${summary.reason}): ${summary.barsThisRun} bars, ${summary.fillsThisRun} fills this run, equity ${summary.equity}\n`,
    );
    if (summary.error) process.stderr.write(`error: ${summary.error}\n`);
    return exitCode;
  } catch (err) {
    const code = (err as { exitCode?: unknown }).exitCode;
    process.stderr.write(`error: ${String((err as Error).message ?? err).replace(/\s*\n\s*/g, ' ')}\n`);
    return typeof code === 'number' ? code : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
