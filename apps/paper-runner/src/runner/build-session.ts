import { existsSync, rmSync } from 'node:fs';
import {
  EngineRun,
  engineSnapshotSchema,
  INTERVAL_MS,
  loadStrategy,
  resolveParams,
  type Broker,
  type EngineSnapshot,
  type Strategy,
  type StrategyParams,
} from '@rustybt/engine';
import type { CcxtBroker } from '@rustybt/brokers';
import { RunnerMetrics } from '../http/metrics';
import { EventLog } from '../log/event-log';
import { secretValuesFromEnv } from '../log/redact';
import { isVenue } from '../options/runner-options';
import { orderToRow } from '../state/rows';
import { SessionJournal } from '../state/session-journal';
import { StateStore } from '../state/store';
import { DeferredVenue } from '../venue/deferred-venue';
import { assetsOf } from '../venue/reconcile';
import { reconcileAtStart, venueBaseline } from '../venue/venue-start';
import { version } from '../version';
import { createBroker, venueCredentials } from './broker';
import { feedWindow, openRunnerFeed, type RunnerFeed } from './feed';
import { RecentBars } from './recent-bars';
import { checkSameSession, metaFromRecord, metaToRecord, type SessionMeta } from './session-meta';
import type { StartOptions } from './start-options';

/** Everything a session runs on, built and connected; the runner only wires and drives it. */
export interface SessionParts {
  options: StartOptions;
  meta: SessionMeta;
  resumed: boolean;
  /** The state file did not exist before this start: a session that never runs a bar removes it. */
  createdNow: boolean;
  strategy: Strategy;
  store: StateStore;
  journal: SessionJournal;
  /** A venue broker, whose orders wait for the commit that records them. */
  venue: DeferredVenue | undefined;
  /** The broker the engine trades through: the venue, or the paper broker. */
  broker: Broker;
  engine: EngineRun;
  feed: RunnerFeed;
  recent: RecentBars;
  log: EventLog;
  metrics: RunnerMetrics;
}

/** Opened state: the store, the session's identity (new or saved) and the checkpoint to resume from. */
interface OpenedSession {
  store: StateStore;
  meta: SessionMeta;
  resumed: boolean;
  restore: EngineSnapshot | undefined;
}

/**
 * Builds a session in named steps. Input problems throw with exitCode 2 before anything trades; a
 * session that fails to build leaves nothing open, and a new one leaves no state file behind.
 */
export async function buildSession(options: StartOptions): Promise<SessionParts> {
  // The strategy and its parameters are checked before the state file is touched.
  const strategy = await loadStrategy(options.strategyFile);
  const params = resolveParams(strategy.params, options.params);
  const existed = existsSync(options.stateFile);
  // At a venue an order is released only after the commit that records it: that commit must reach the disk.
  const store = StateStore.open(options.stateFile, { exclusive: true, ...(isVenue(options.broker) ? { durable: 'full' as const } : {}) });
  let venue: DeferredVenue | undefined;
  try {
    const opened = openSession(options, store, strategy, params);
    const journal = new SessionJournal(store, (isVenue(options.broker) && assetsOf(options.symbol)?.quote) || 'USD');
    let restore = opened.restore;
    if (isVenue(options.broker)) ({ venue, restore } = await connectVenue(options, opened));
    const broker = venue ?? createBroker(options);
    const engine = buildEngine(options, strategy, params, opened.meta, broker, restore, journal);
    const log = openLog(options);
    return {
      options,
      meta: opened.meta,
      resumed: opened.resumed,
      createdNow: !existed,
      strategy,
      store,
      journal,
      venue,
      broker,
      engine,
      feed: openFeed(options, opened.meta, strategy, restore, log),
      recent: new RecentBars(warmupBarsOf(strategy)),
      log,
      metrics: new RunnerMetrics({ session: options.session }),
    };
  } catch (err) {
    await venue?.close().catch(() => undefined);
    store.close();
    if (!existed) removeStateFile(options.stateFile);
    throw err;
  }
}

/** Deletes a state file with its WAL companions: a session that never ran leaves nothing behind. */
export function removeStateFile(stateFile: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${stateFile}${suffix}`, { force: true });
}

const warmupBarsOf = (strategy: Strategy): number => strategy.historySize ?? 1000;

/** A saved session must be started as it was; a new one fixes its identity and market window now. */
function openSession(options: StartOptions, store: StateStore, strategy: Strategy, params: StrategyParams): OpenedSession {
  const saved = metaFromRecord(store.meta());
  const identity = {
    strategy: options.strategyFile,
    broker: options.broker,
    data: options.data,
    symbol: options.symbol,
    interval: options.interval,
    params,
    ...(options.paperBroker ? { paperBroker: options.paperBroker } : {}),
  };
  let meta: SessionMeta;
  if (saved) {
    checkSameSession(options.session, saved, identity);
    meta = saved;
  } else {
    const window = feedWindow(options.data, options.interval, Date.now(), warmupBarsOf(strategy));
    if (options.replaySimBars !== undefined && window.replayTo !== undefined)
      window.replayTo = window.feedAnchor + options.replaySimBars * INTERVAL_MS[options.interval];
    meta = { ...identity, capital: options.capital.toFixed(), createdAt: Date.now(), ...window };
    store.setMeta(metaToRecord(meta));
  }
  const checkpoint = store.checkpoint();
  const restore = checkpoint ? engineSnapshotSchema.parse(JSON.parse(checkpoint.engine_snapshot)) : undefined;
  return { store, meta, resumed: saved !== undefined, restore };
}

/**
 * Connects to the venue before the engine exists: a new session records the venue balances it
 * starts from, a resumed one reconciles its checkpoint with the venue (and may adopt the venue's view).
 */
async function connectVenue(options: StartOptions, opened: OpenedSession): Promise<{ venue: DeferredVenue; restore: EngineSnapshot | undefined }> {
  const { store } = opened;
  const ccxt = createBroker(options, (e) => options.notice?.(`${options.broker}: ${e.message}`)) as CcxtBroker;
  const venue = new DeferredVenue(ccxt, (fillId) => store.hasFill(fillId));
  let restore = opened.restore;
  try {
    await venue.connect();
    if (!opened.resumed) store.setMeta(await venueBaseline(ccxt, options.symbol, options.capital));
    else if (restore) {
      const outcome = await reconcileAtStart(ccxt, options.symbol, store.meta(), restore, options.reconcile);
      for (const line of outcome.lines) options.notice?.(line);
      for (const order of outcome.adoptedOrders) store.upsertOrder(orderToRow(order));
      restore = outcome.snapshot;
    }
  } catch (err) {
    await venue.close().catch(() => undefined);
    throw err;
  }
  return { venue, restore };
}

function buildEngine(
  options: StartOptions,
  strategy: Strategy,
  params: StrategyParams,
  meta: SessionMeta,
  broker: Broker,
  restore: EngineSnapshot | undefined,
  journal: SessionJournal,
): EngineRun {
  return new EngineRun({
    runId: options.session,
    // A session runs for weeks: the state file holds every fill, so the engine keeps only its state.
    retain: 'state',
    strategy,
    broker,
    symbols: [options.symbol],
    capital: meta.capital,
    params,
    ...(options.risk ? { risk: options.risk } : {}),
    ...(restore ? { restore } : meta.liveFrom !== undefined ? { warmUpThrough: meta.liveFrom - 1 } : {}),
    journal: (e) => journal.record(e),
  });
}

function openLog(options: StartOptions): EventLog {
  return new EventLog({
    dir: options.logDir,
    session: options.session,
    version,
    level: options.logLevel,
    secrets: [...secretValuesFromEnv(options.env ?? process.env), ...storedSecrets(options)],
  });
}

/** Credentials that came from the encrypted store are as secret as the environment's: the log never shows them. */
function storedSecrets(options: StartOptions): string[] {
  if (!isVenue(options.broker)) return [];
  const { apiKey, secret, password } = venueCredentials(options);
  return [apiKey, secret, ...(password ? [password] : [])];
}

function openFeed(options: StartOptions, meta: SessionMeta, strategy: Strategy, restore: EngineSnapshot | undefined, log: EventLog): RunnerFeed {
  return openRunnerFeed({
    data: meta.data,
    symbol: meta.symbol,
    interval: options.interval,
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    feedAnchor: meta.feedAnchor,
    ...(meta.replayTo !== undefined ? { replayTo: meta.replayTo } : {}),
    ...(restore?.lastBarTime != null ? { resumeAfter: restore.lastBarTime } : {}),
    ...(meta.liveFrom !== undefined ? { liveFrom: meta.liveFrom } : {}),
    warmupBars: warmupBarsOf(strategy),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    ...(options.yahooUrl ? { yahooUrl: options.yahooUrl } : {}),
    onFeedError: (err, attempt, delayMs) =>
      log.write({
        level: 'warn',
        event: 'error',
        error_type: 'FeedError',
        message: `${meta.data} ${meta.symbol}: ${err instanceof Error ? err.message : String(err)}; reconnecting in ${delayMs} ms (attempt ${attempt})`,
      }),
  });
}
