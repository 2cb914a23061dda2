import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Alerting, alertsConfigSchema, Outbox, type AlertsConfig } from '@rustybt/alerts';
import { defineSuite, latencyCase, throughputCase } from '@rustybt/bench';
import { PaperRunner, resolveRunnerOptions, type RunSummary } from '@rustybt/paper-runner';

const REPLAY_BARS = 200_000;
/** One order in this many bars is far beyond the account: rejected, so alerting has real work. */
const REJECT_EVERY = 1000;

/** SMA crossover that also sends an oversized order every REJECT_EVERY bars (a rejection, an alert). */
const STRATEGY_SOURCE = `import { defineStrategy } from '@rustybt/engine';
export default defineStrategy({
  params: { qty: 1 },
  historySize: 30,
  onBar(ctx, bar) {
    const n = (typeof ctx.state.n === 'number' ? ctx.state.n : 0) + 1;
    ctx.state.n = n;
    if (n % ${REJECT_EVERY} === 0) ctx.order(bar.symbol, 1e12);
    const closes = ctx.history(bar.symbol, 'close', 30);
    if (closes.length < 30) return;
    let fast = 0, slow = 0;
    for (let i = 0; i < 30; i++) { slow += closes[i]; if (i >= 20) fast += closes[i]; }
    ctx.orderTarget(bar.symbol, fast / 10 > slow / 30 ? 1 : 0);
  },
});
`;

/** A loopback webhook receiver answering 200 to everything: the far end of the alerts. */
async function receiver(): Promise<{ server: Server; url: string; received: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received: () => n };
}

const SECRET_ENV = 'RUSTYBT_BENCH_HOOK_SECRET';
const benchConfig = (url: string): AlertsConfig => alertsConfigSchema.parse({ channels: [{ type: 'webhook', name: 'hook', url, secretEnv: SECRET_ENV }] });

// ---- enqueue -------------------------------------------------------------------------------------

interface EnqueueRig {
  dir: string;
  alerting: Alerting;
  /** A second outbox written directly: the insert alone, without routing and redaction. */
  bare: Outbox;
  close: () => Promise<void>;
  n: number;
}

/** The outbox as the runner holds it, its sender draining to a receiver meanwhile; and a bare outbox insert beside it. */
async function enqueueRig(): Promise<EnqueueRig> {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-alerts-'));
  const rx = await receiver();
  const alerting = Alerting.open({ file: join(dir, 'bench.alerts.db'), config: benchConfig(rx.url), resolveSecret: () => 'bench-secret' });
  alerting.start();
  const bare = Outbox.open(join(dir, 'bare.alerts.db'));
  return {
    dir,
    alerting,
    bare,
    n: 0,
    close: async () => {
      await alerting.close();
      bare.close();
      rx.server.closeAllConnections();
      await new Promise<void>((r) => rx.server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the runner enqueues for a rejected order: routing, redaction, one transaction of alert + delivery rows. */
function enqueueOne(r: EnqueueRig): void {
  const i = r.n++;
  const q = r.alerting.enqueue({
    id: `bench:order_rejected:${i}`,
    event: 'order_rejected',
    severity: 'warning',
    session: 'bench',
    summary: `order bench-${i} (buy 1000000000000 SIM) rejected: max_notional_per_order`,
    details: { reason: 'max_notional_per_order', client_order_id: `bench-${i}`, symbol: 'SIM', side: 'buy', qty: '1000000000000' },
  });
  if (!q.queued) throw new Error(`enqueue failed (${q.reason}${q.error ? `: ${q.error}` : ''}). The outbox is broken`);
}

const TARGETS = [{ channel: 'hook', grp: '0:order_rejected' }];

function bareInsert(r: EnqueueRig): void {
  const i = r.n++;
  r.bare.insert(
    {
      id: `bare:${i}`,
      event: 'order_rejected',
      severity: 'warning',
      session: 'bench',
      summary: `order bench-${i} rejected`,
      details: { reason: 'max_notional_per_order' },
      at: i,
    },
    TARGETS,
    i,
  );
}

// ---- replay with alerting on vs off ---------------------------------------------------------------

interface ReplayRig {
  dir: string;
  strategyFile: string;
  url: string;
  server: Server;
  runs: number;
}

async function replayRig(): Promise<ReplayRig> {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-alerts-replay-'));
  const strategyFile = join(dir, 'sma-rejects.ts');
  writeFileSync(strategyFile, STRATEGY_SOURCE);
  const rx = await receiver();
  return { dir, strategyFile, url: rx.url, server: rx.server, runs: 0 };
}

async function replay(r: ReplayRig, alerts: boolean): Promise<number> {
  const env = { RUSTYBT_HOME: r.dir, [SECRET_ENV]: 'bench-secret' };
  const options = resolveRunnerOptions(
    { strategy: r.strategyFile, data: 'replay:sim', speed: 'max', heartbeat: '1s', session: `bench-${++r.runs}` } as Parameters<typeof resolveRunnerOptions>[0],
    env,
  );
  const runner = await PaperRunner.start({ ...options, replaySimBars: REPLAY_BARS, ...(alerts ? { alerts: benchConfig(r.url) } : {}) });
  const summary: RunSummary = await runner.finished;
  if (summary.reason !== 'completed' || summary.barsTotal !== REPLAY_BARS) {
    throw new Error(
      `replay ended ${summary.reason} after ${summary.barsTotal} of ${REPLAY_BARS} bars${summary.error ? `: ${summary.error}` : ''}. The runner is broken`,
    );
  }
  return summary.barsThisRun;
}

async function closeReplayRig(r: ReplayRig): Promise<void> {
  r.server.closeAllConnections();
  await new Promise<void>((res) => r.server.close(() => res()));
  rmSync(r.dir, { recursive: true, force: true });
}

export default defineSuite({
  name: 'alerts',
  description: `alerting on the trading path: p99 of one alert enqueued vs the outbox insert alone; ${REPLAY_BARS.toLocaleString('en-US')} replayed bars through the runner with alerting on vs off`,
  cases: [
    latencyCase<EnqueueRig>({
      name: 'alert enqueue (route + redact + outbox insert), sender draining',
      unit: 'alerts',
      samples: { full: 5000, quick: 500 },
      warmup: { full: 500, quick: 50 },
      setup: enqueueRig,
      op: enqueueOne,
      reference: { name: 'Outbox.insert alone (one transaction: alert + delivery row, WAL, synchronous=NORMAL)', op: bareInsert },
      teardown: (r) => r.close(),
      // An idle machine: tens of µs, with a WAL checkpoint's fsync now and then. A loaded shared box shows that fsync in the p99.
      goals: ['p99 <= 1ms'],
    }),
    throughputCase<ReplayRig>({
      name: `replay ${REPLAY_BARS.toLocaleString('en-US')} bars through the runner, alerting on (a rejection alert every ${REJECT_EVERY} bars)`,
      unit: 'bars',
      setup: replayRig,
      run: (r) => replay(r, true),
      reference: { name: 'same replay, alerting off', run: (r) => replay(r, false) },
      teardown: closeReplayRig,
      iterations: { full: 3, quick: 1 },
      warmup: { full: 1, quick: 0 },
      goals: ['ratio <= 1.05'],
      isolate: true,
    }),
  ],
});
