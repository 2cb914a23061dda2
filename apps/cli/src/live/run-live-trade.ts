import type { Command } from 'commander';
import { checkExchangeId } from '@rustybt/brokers';
import { lookupCredentials } from '@rustybt/ops';
import { requireLiveLimits, resolveRunnerOptions } from '@rustybt/paper-runner';
import { overall } from '../brokers/checks';
import { venueBroker } from '../brokers/open-venue';
import { venueChecks } from '../brokers/venue-checks';
import { venueTarget } from '../brokers/venue-flags';
import { CliError } from '../errors';
import { loadEffectiveConfig } from '../load-config';
import { runInForeground, runnerFlags } from '../paper/run-paper-trade';
import { requireValidation } from '@rustybt/paper-runner/validation';
import { version } from '../version';
import { confirmExchangeName } from './confirm-exchange';
import { deliberateLimits, effectiveLimits, formatLimits, isDeliberate } from '@rustybt/paper-runner/config';

/**
 * `rustybt live-trade`: every refusal comes before the first order. In order: --confirm, a venue,
 * explicit risk limits, credentials, the runner's own flag checks, the typed exchange name on a
 * terminal, then the test-broker checks against the venue; only then the runner starts.
 */
export async function runLiveTrade(opts: Record<string, unknown>, cmd: Command): Promise<void> {
  const exchange = String(opts.broker).trim().toLowerCase();
  if (opts.confirm !== true) throw new CliError(`live-trade places real orders at ${exchange}. Add --confirm to start it`);
  if (exchange === 'paper') throw new CliError("live-trade trades at a venue. For the paper broker use 'rustybt paper-trade'");

  const risk = {
    ...(typeof opts.maxNotionalPerOrder === 'string' ? { maxNotionalPerOrder: opts.maxNotionalPerOrder.trim() } : {}),
    ...(typeof opts.maxDailyLoss === 'string' ? { maxDailyLoss: Number(opts.maxDailyLoss) } : {}),
  };
  const loaded = loadEffectiveConfig(cmd, {
    ...(typeof opts.logDir === 'string' ? { logDir: opts.logDir } : {}),
    ...(Object.keys(risk).length > 0 ? { risk } : {}),
  });
  // Only limits someone set on purpose count: neither the engine's defaults nor an inherited
  // environment variable is a decision about real money.
  const limits = effectiveLimits(loaded.config.risk, loaded.sources);
  requireLiveLimits(limits.filter((l) => isDeliberate(l.source)).map((l) => l.key));

  await checkExchangeId(exchange);
  lookupCredentials(exchange, { env: loaded.env });
  const deliberate = deliberateLimits(loaded.config.risk, loaded.sources);
  const options = resolveRunnerOptions({ ...runnerFlags(opts, loaded, 'live-trade'), ...(deliberate ? { risk: deliberate } : {}), live: true }, loaded.env);
  // The go-live gate reads the config as validate does (no flag layer), so the attested hash matches.
  const gate = requireValidation({ flag: opts.requireValidation === true, loaded: loadEffectiveConfig(cmd), strategyFile: options.strategyFile, version });
  if (gate) process.stderr.write(`${gate}\n`);
  await confirmExchangeName(exchange);

  const target = venueTarget({
    broker: exchange,
    ...(options.testnet ? { testnet: true } : {}),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    timeout: '10000',
  });
  const broker = await venueBroker(target, () => {}, loaded.env);
  let checks;
  try {
    checks = await venueChecks(broker, options.symbol, false);
  } finally {
    await broker.close();
  }
  if (overall(checks) === 'FAIL') {
    const failed = checks.filter((c) => c.status === 'FAIL').map((c) => `${c.name}: ${c.detail}`);
    throw new CliError(
      `test-broker checks failed for ${exchange} (${failed.join('; ')}). Fix them (see rustybt test-broker --broker ${exchange}) and start again`,
      1,
    );
  }
  process.stderr.write(
    `test-broker ${exchange}: ${checks.filter((c) => c.status === 'PASS').length} checks passed, ${checks.filter((c) => c.status === 'WARN').length} warnings\n`,
  );
  // Every refusal is behind us: say what protects the money, and where each limit came from, before the first bar.
  process.stderr.write(`${formatLimits(effectiveLimits(deliberate, loaded.sources))}\n`);
  await runInForeground(options, cmd);
}
