import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCheck, defineValidator, skipCheck, type Check, type CheckId, type Validator } from '@rustybt/validate';
import type { PaperRunner, StatusReport } from '@rustybt/paper-runner';
import { money } from '../../format/money';
import { orderCounts } from '../../format/order-counts';

/** Buys one unit on its first bar and holds: one order, one fill, one position. */
const SMOKE_STRATEGY = `import { defineStrategy } from '@rustybt/engine';
export default defineStrategy({
  name: 'validate-smoke',
  historySize: 2,
  onBar(ctx, bar) {
    if (ctx.state.bought) return;
    ctx.state.bought = true;
    ctx.order(bar.symbol, 1);
  },
});
`;
/** Far more replayed bars than the checks need, so the feed never ends first; the run is stopped when done. */
const REPLAY_BARS = 5_000_000;
const POLL_MS = 50;
/** The smoke strategy orders on its first bar: this many bars without a fill is a failure. */
const FILL_WITHIN_BARS = 2000;

const rest = (from: CheckId[], reason: string): Check[] => from.map((id) => skipCheck(id, reason));

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls until `done` holds, the runner stops, or the validator is aborted (its timeout). */
async function until<T>(runner: PaperRunner, signal: AbortSignal, probe: () => Promise<T>, done: (t: T) => boolean): Promise<T> {
  let stopped = false;
  void runner.finished.then(() => (stopped = true));
  for (;;) {
    const value = await probe();
    if (done(value) || stopped || signal.aborted) return value;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function componentsCheck(): Promise<Check> {
  const loaded = await Promise.all([
    import('@rustybt/engine'),
    import('@rustybt/brokers'),
    import('@rustybt/data-providers'),
    import('@rustybt/paper-runner'),
    import('@rustybt/uptime'),
  ]);
  const [engine, brokers, data, runner, uptime] = loaded;
  const have = [
    typeof engine.EngineRun === 'function' && 'engine',
    typeof brokers.PaperBroker === 'function' && 'paper broker',
    typeof data.GbmPath === 'function' && 'sim feed',
    typeof runner.StateStore === 'function' && 'state store',
    typeof uptime.formatEvent === 'function' && 'logs',
  ].filter(Boolean);
  return makeCheck('smoke.components', have.length === 5 ? 'PASS' : 'FAIL', {
    value: have.length,
    threshold: 5,
    detail: `loaded: ${have.join(', ')}`,
    remedy: 'Reinstall: npm ci',
  });
}

/** One real paper session in a temporary RUSTYBT_HOME: /health over HTTP, one order to a fill, position, status. */
async function sessionChecks(o: SmokeOptions, signal: AbortSignal, progress: (m: string) => void): Promise<Check[]> {
  const { PaperRunner, resolveRunnerOptions, readSessionStatus } = await import('@rustybt/paper-runner');
  const home = mkdtempSync(join(tmpdir(), 'rustybt-validate-smoke-'));
  const strategy = join(home, 'smoke-strategy.ts');
  writeFileSync(strategy, o.strategySource ?? SMOKE_STRATEGY, { mode: 0o600 });
  const env = { ...process.env, RUSTYBT_HOME: home };
  const options = resolveRunnerOptions(
    { strategy, data: 'replay:sim', speed: 'max', session: 'smoke', heartbeat: '200ms', port: '0', capital: '10000' },
    env,
    home,
  );
  let runner: PaperRunner | undefined;
  try {
    progress('starting a paper session on replay:sim at --speed max');
    runner = await PaperRunner.start({ ...options, replaySimBars: REPLAY_BARS });
    const url = runner.url!;
    const r = runner;
    const health = await until(
      r,
      signal,
      () => getJson<{ status?: string; state?: string }>(`${url}/health`),
      (h) => h.status === 200 && h.body.status === 'ok',
    );
    const checks: Check[] = [
      makeCheck('smoke.health', health.status === 200 && health.body.status === 'ok' ? 'PASS' : 'FAIL', {
        value: health.status,
        threshold: 200,
        detail: `GET ${url}/health: HTTP ${health.status}, status ${health.body.status}, state ${health.body.state}`,
        remedy: 'Run rustybt paper-trade --strategy examples/sma-crossover.ts and read its errors',
      }),
    ];
    progress('waiting for the paper fill');
    const live = await until(
      r,
      signal,
      () => getJson<StatusReport>(`${url}/status`),
      (st) => st.body.recentFills.length > 0 || st.body.barsProcessed >= FILL_WITHIN_BARS,
    );
    const fill = live.body.recentFills[0];
    checks.push(
      makeCheck('smoke.order-fill', fill ? 'PASS' : 'FAIL', {
        value: live.body.recentFills.length,
        threshold: 1,
        detail: fill
          ? `${fill.side} ${fill.quantity} ${fill.symbol} filled @ ${fill.price} (order ${fill.clientOrderId})`
          : `no fill after ${live.body.barsProcessed} bars`,
        remedy: 'Check the paper broker: rustybt test-broker --broker paper',
      }),
    );
    const pos = live.body.positions.find((p) => p.symbol === 'SIM');
    checks.push(
      makeCheck('smoke.position', pos && Number(pos.quantity) === 1 ? 'PASS' : 'FAIL', {
        value: pos?.quantity ?? '0',
        threshold: '1',
        detail: pos ? `SIM ${pos.quantity} @ ${pos.averagePrice}` : 'no SIM position after the fill',
        remedy: 'Check the portfolio accounting (npm test)',
      }),
    );
    const summary = await r.stop('signal');
    const stored = await readSessionStatus({ stateDir: join(home, 'state'), session: 'smoke' });
    const ok = stored.source === 'state' && stored.ordersByStatus.filled === 1 && stored.lastStop?.reason === 'signal' && stored.equity !== null;
    checks.push(
      makeCheck('smoke.status', ok ? 'PASS' : 'FAIL', {
        value: stored.ordersByStatus.filled ?? 0,
        detail: `from the state file after the stop: ${stored.barsProcessed} bars, equity ${stored.equity === null ? 'none' : money(stored.equity)}, orders ${orderCounts(stored.ordersByStatus)}, stopped (${stored.lastStop?.reason ?? 'no stop recorded'}); run summary ${summary.barsThisRun} bars`,
        remedy: 'rustybt status --session <name> should read the same; check the state store',
      }),
    );
    return checks;
  } finally {
    await runner?.stop('signal');
    rmSync(home, { recursive: true, force: true });
  }
}

export interface SmokeOptions {
  /** Another strategy than the one-buy smoke strategy (tests of the failing path). */
  strategySource?: string;
}

/** Quick mode: does it start, trade on paper and report, on this machine, in seconds. */
export function smokeValidator(o: SmokeOptions = {}): Validator {
  return defineValidator({
    id: 'smoke',
    title: 'Smoke test',
    modes: ['quick', 'thorough'],
    async run(ctx) {
      const components = await componentsCheck();
      if (components.status === 'FAIL')
        return [components, ...rest(['smoke.health', 'smoke.order-fill', 'smoke.position', 'smoke.status'], 'essential components are missing')];
      return [components, ...(await sessionChecks(o, ctx.signal, (m) => ctx.progress(m)))];
    },
  });
}
