import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSuite, latencyCase, throughputCase, type RunProbe } from '@rustybt/bench';
import { PaperBroker } from '@rustybt/brokers';
import { GbmPath } from '@rustybt/data-providers';
import { Decimal, EngineRun, loadStrategy, type Bar, type BrokerEvent } from '@rustybt/engine';
import { PaperRunner, resolveRunnerOptions, SessionJournal, StateStore, type RunSummary } from '@rustybt/paper-runner';
import { SMA_STRATEGY_SOURCE } from '../../strategies/sma-strategy-source';

const SYMBOL = 'SIM';
const REPLAY_BARS = 1_000_000;

/** Seeded 1-minute sim bars, made as they are consumed (as the runner's feed makes them). */
function* simBars(n: number): Generator<Bar> {
  const path = new GbmPath(SYMBOL, '1m', { seed: 7 });
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) yield path.next(start + i * 60_000);
}

// ---- submit -> fill ------------------------------------------------------------------------------

interface FillRig {
  dir: string;
  store: StateStore;
  journal: SessionJournal;
  engine: EngineRun;
  /** Whether the strategy orders on the next bar. */
  order: boolean;
  orders: number;
  bareOrders: number;
  bars: Bar[];
  next: number;
  submittedAt: bigint;
  filledAt: bigint;
  bare: PaperBroker;
  bareFilledAt: bigint;
}

/**
 * The runner's order path in process: strategy -> risk -> paper broker (fills at the bar's close)
 * -> SQLite journal -> the strategy's onFill, one bar per operation and its batch committed after.
 */
async function fillRig(): Promise<FillRig> {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-runner-'));
  const store = StateStore.open(join(dir, 'bench.db'), { exclusive: true });
  const journal = new SessionJournal(store);
  const rig = {
    dir,
    store,
    journal,
    bars: [...simBars(20_000)],
    next: 0,
    order: false,
    orders: 0,
    bareOrders: 0,
    submittedAt: 0n,
    filledAt: 0n,
    bareFilledAt: 0n,
  } as FillRig;
  const engine = new EngineRun({
    runId: 'bench',
    strategy: {
      historySize: 2,
      onBar: (ctx) => {
        if (!rig.order) return;
        rig.submittedAt = process.hrtime.bigint();
        // Buy, sell, buy...: the position stays 0 or 1 (the paper broker does not short by default).
        ctx.order(SYMBOL, rig.orders++ % 2 === 0 ? 1 : -1);
      },
      onFill: () => void (rig.filledAt = process.hrtime.bigint()),
    },
    broker: new PaperBroker({ fillAt: 'close' }),
    symbols: [SYMBOL],
    capital: 1_000_000_000,
    risk: { maxOrdersPerMinute: 1_000_000 },
    journal: (e) => journal.record(e),
  });
  rig.engine = engine;
  await engine.start();
  engine.processBar(rig.bars[rig.next++]!);
  rig.bare = new PaperBroker({ fillAt: 'close' });
  rig.bare.events$.subscribe((e: BrokerEvent) => {
    if (e.type === 'order_filled') rig.bareFilledAt = process.hrtime.bigint();
  });
  await rig.bare.connect();
  rig.bare.restore?.({ cash: new Decimal(1_000_000_000), positions: [], openOrders: [] });
  return rig;
}

/** ctx.order in onBar -> onFill, after the journal wrote the order and the fill; the batch then commits. */
function submitToFill(r: FillRig): bigint {
  const bar = r.bars[r.next++ % r.bars.length]!;
  const shifted = { ...bar, time: bar.time + Math.floor(r.next / r.bars.length) * r.bars.length * 60_000 };
  r.journal.open();
  r.filledAt = 0n;
  r.order = true;
  r.engine.processBar(shifted);
  r.order = false;
  if (r.filledAt === 0n) throw new Error('the paper broker did not fill a market order at the close. The order path is broken');
  const ns = r.filledAt - r.submittedAt;
  r.journal.commit(r.engine);
  return ns;
}

/** The paper broker alone: submit -> order_filled event, no engine, risk or journal. */
function bareSubmit(r: FillRig): bigint {
  const bar = r.bars[r.next++ % r.bars.length]!;
  r.bare.onBar?.({ ...bar, time: bar.time + r.next * 60_000 });
  r.bareFilledAt = 0n;
  const start = process.hrtime.bigint();
  r.bare.submit({
    clientOrderId: `bare-${r.next}`,
    symbol: SYMBOL,
    side: r.bareOrders++ % 2 === 0 ? 'buy' : 'sell',
    type: 'market',
    quantity: new Decimal(1),
    timeInForce: 'GTC',
    createdAt: bar.time,
  });
  if (r.bareFilledAt === 0n) throw new Error('the bare paper broker did not fill a market order at the close');
  return r.bareFilledAt - start;
}

async function closeFillRig(r: FillRig): Promise<void> {
  await r.engine.stop();
  await r.bare.close();
  r.store.close();
  rmSync(r.dir, { recursive: true, force: true });
}

// ---- replay through the runner ---------------------------------------------------------------------

interface ReplayRig {
  dir: string;
  strategyFile: string;
  bars: number;
  runs: number;
}

const replayRig = (bars: number) => (): ReplayRig => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-replay-'));
  const strategyFile = join(dir, 'sma.ts');
  writeFileSync(strategyFile, SMA_STRATEGY_SOURCE);
  return { dir, strategyFile, bars, runs: 0 };
};

/** Pause between two RSS samples of a replay. */
const RSS_EVERY_MS = 50;

/**
 * The whole runner in process: replay:sim at full speed, the paper broker, SQLite state, contract
 * log, heartbeats. With a probe it samples RSS every 50 ms from the first replayed bar to the last
 * (the batches yield to the event loop): the replay, not the strategy compile and file opening before it.
 */
async function replayThroughRunner(r: ReplayRig, probe?: RunProbe): Promise<number> {
  const options = resolveRunnerOptions(
    { strategy: r.strategyFile, data: 'replay:sim', speed: 'max', heartbeat: '1s', session: `bench-${++r.runs}` },
    { RUSTYBT_HOME: r.dir },
  );
  const runner = await PaperRunner.start({ ...options, replaySimBars: r.bars });
  const sampler = probe
    ? setInterval(() => {
        if (runner.progress().bars > 0) probe.sampleRss();
      }, RSS_EVERY_MS)
    : undefined;
  let summary: RunSummary;
  try {
    summary = await runner.finished;
  } finally {
    clearInterval(sampler);
  }
  probe?.sampleRss();
  if (summary.reason !== 'completed' || summary.barsTotal !== r.bars || summary.fillsTotal === 0) {
    throw new Error(
      `runner replay ended ${summary.reason} after ${summary.barsTotal} of ${r.bars} bars with ${summary.fillsTotal} fills${summary.error ? `: ${summary.error}` : ''}. The runner is broken`,
    );
  }
  return summary.barsThisRun;
}

/** The same strategy and as many bars through the bare engine: the ratio is what the runner adds (state, log, feed). */
async function replayThroughEngine(r: ReplayRig): Promise<number> {
  const engine = new EngineRun({
    runId: 'bench-ref',
    strategy: await loadStrategy(r.strategyFile),
    broker: new PaperBroker(),
    symbols: [SYMBOL],
    capital: 10_000,
  });
  return (await engine.run(simBars(r.bars))).bars;
}

const cleanup = (r: ReplayRig) => rmSync(r.dir, { recursive: true, force: true });

/**
 * Memory of one replay alone in a fresh process: peak RSS (10x the bars should not need much more
 * memory) and RSS growth, raw RSS sampled every 50 ms from the first bar to the last, mean of the
 * last 10% of the samples over the first 10%.
 */
const memory = (bars: number, label: string, goals: string[]) =>
  throughputCase<ReplayRig>({
    name: `peak RSS, ${label} replayed bars`,
    unit: 'bars',
    setup: replayRig(bars),
    run: replayThroughRunner,
    teardown: cleanup,
    iterations: { full: 1, quick: 1 },
    warmup: { full: 0, quick: 0 },
    rssGrowth: { timer: false },
    goals,
    isolate: true,
  });

export default defineSuite({
  name: 'runner',
  description:
    'paper runner: submit -> fill through the SQLite journal vs the bare paper broker; 1,000,000 replayed bars through the runner vs the bare engine; peak RSS and RSS growth of 100,000-, 1,000,000- and 3,000,000-bar replays',
  cases: [
    latencyCase<FillRig>({
      name: 'paper submit->fill (engine + risk + broker + SQLite journal)',
      unit: 'orders',
      samples: { full: 5000, quick: 500 },
      warmup: { full: 500, quick: 50 },
      setup: fillRig,
      op: submitToFill,
      reference: { name: 'PaperBroker submit->fill alone', op: bareSubmit },
      teardown: closeFillRig,
      goals: ['p99 <= 200us'],
    }),
    throughputCase<ReplayRig>({
      name: 'replay 1,000,000 bars through the runner (SQLite + log on)',
      unit: 'bars',
      setup: replayRig(REPLAY_BARS),
      run: replayThroughRunner,
      reference: { name: 'bare engine, same bars', run: replayThroughEngine },
      teardown: cleanup,
      iterations: { full: 3, quick: 1 },
      warmup: { full: 1, quick: 0 },
      isolate: true,
    }),
    memory(REPLAY_BARS, '1,000,000', ['rss <= 256MB', 'rss-growth <= 10%']),
    memory(REPLAY_BARS / 10, '100,000', ['rss <= 256MB']),
    // Three times as long: does RSS flatten once V8 has sized its heap, or keep rising (a leak)?
    memory(REPLAY_BARS * 3, '3,000,000', []),
  ],
});
