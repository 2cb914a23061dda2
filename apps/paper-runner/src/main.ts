import { parseArgs } from 'node:util';
import { resolveRunnerOptions } from './options/runner-options';
import { runPaperRunner } from './runner/run';

const USAGE = `usage: paper-runner --strategy <file> [--broker paper|<ccxt id>] [--data sim|replay:sim|replay:csv:<file>|ccxt:<id>]
  [--symbol S] [--interval 1m] [--duration 30d|12h|15m] [--session NAME] [--log-dir DIR] [--log-level info] [--heartbeat 10s]
  [--port 0] [--capital N] [--param k=v ...] [--speed N]
  [--testnet] [--api-url URL] [--reconcile stop|adopt-venue]
  [--live --max-notional-per-order N --max-daily-loss F]
The paper runner for supervisors (systemd, PM2): same flags as 'rustybt paper-trade'. Restarting it
with the same --session resumes the session. SIGINT/SIGTERM stop it gracefully (exit 0).
A venue broker needs <EXCHANGE>_API_KEY/_API_SECRET, and --testnet or --api-url unless --live
(real money: the supervisor's configuration is the confirmation; explicit risk limits required).
Exit: 0 stopped, 1 failed (reconciliation mismatch, venue or feed error), 2 bad flags or input.`;

/** The runner's own entry point: no CLI around it, plain lines on stderr, exit code for the supervisor. */
async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        strategy: { type: 'string' },
        broker: { type: 'string' },
        data: { type: 'string' },
        symbol: { type: 'string' },
        interval: { type: 'string' },
        duration: { type: 'string' },
        session: { type: 'string' },
        'log-dir': { type: 'string' },
        'log-level': { type: 'string' },
        heartbeat: { type: 'string' },
        port: { type: 'string' },
        capital: { type: 'string' },
        param: { type: 'string', multiple: true },
        speed: { type: 'string' },
        testnet: { type: 'boolean' },
        'api-url': { type: 'string' },
        reconcile: { type: 'string' },
        live: { type: 'boolean' },
        'max-notional-per-order': { type: 'string' },
        'max-daily-loss': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message.replace(/\.$/, '')}. Run with --help for usage\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const options = resolveRunnerOptions({
      strategy: values.strategy ?? '',
      ...(values.broker !== undefined ? { broker: values.broker } : {}),
      ...(values.data !== undefined ? { data: values.data } : {}),
      ...(values.symbol !== undefined ? { symbol: values.symbol } : {}),
      ...(values.interval !== undefined ? { interval: values.interval } : {}),
      ...(values.duration !== undefined ? { duration: values.duration } : {}),
      ...(values.session !== undefined ? { session: values.session } : {}),
      ...(values['log-dir'] !== undefined ? { logDir: values['log-dir'] } : {}),
      ...(values['log-level'] !== undefined ? { logLevel: values['log-level'] } : {}),
      ...(values.heartbeat !== undefined ? { heartbeat: values.heartbeat } : {}),
      ...(values.port !== undefined ? { port: values.port } : {}),
      ...(values.capital !== undefined ? { capital: values.capital } : {}),
      ...(values.param !== undefined ? { param: values.param } : {}),
      ...(values.speed !== undefined ? { speed: values.speed } : {}),
      ...(values.testnet ? { testnet: true } : {}),
      ...(values['api-url'] !== undefined ? { apiUrl: values['api-url'] } : {}),
      ...(values.reconcile !== undefined ? { reconcile: values.reconcile } : {}),
      ...(values.live ? { live: true } : {}),
      ...riskFlags(values['max-notional-per-order'], values['max-daily-loss']),
    });
    const { summary, exitCode } = await runPaperRunner({ ...options, notice: (line) => process.stderr.write(`${line}\n`) });
    process.stderr.write(`session ${summary.session} stopped (${summary.reason}): ${summary.barsThisRun} bars, ${summary.fillsThisRun} fills this run, equity ${summary.equity}\n`);
    if (summary.error) process.stderr.write(`error: ${summary.error}\n`);
    return exitCode;
  } catch (err) {
    const code = (err as { exitCode?: unknown }).exitCode;
    process.stderr.write(`error: ${String((err as Error).message ?? err).replace(/\s*\n\s*/g, ' ')}\n`);
    return typeof code === 'number' ? code : 1;
  }
}

/** Risk limits given as flags; the runner checks the values (and that a live session has them). */
function riskFlags(maxNotional: string | undefined, maxDailyLoss: string | undefined) {
  if (maxNotional === undefined && maxDailyLoss === undefined) return {};
  return {
    risk: {
      ...(maxNotional !== undefined ? { maxNotionalPerOrder: maxNotional.trim() } : {}),
      ...(maxDailyLoss !== undefined ? { maxDailyLoss: Number(maxDailyLoss) } : {}),
    },
  };
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
