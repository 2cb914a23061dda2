import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AlertingMetrics } from '@rustybt/alerts';

/** What the metrics read at scrape time rather than being told on every change. */
export interface MetricsProbe {
  ordersByStatus(): Record<string, number>;
  equity(): number;
  heartbeatAgeMs(): number | undefined;
  lastBarAgeMs(): number | undefined;
  brokerConnected(): boolean;
}

const DUPLICATE_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * The runner's Prometheus metrics on a registry of its own (several runners can live in one test
 * process), with Node's process and event-loop-lag metrics beside them.
 */
export class RunnerMetrics {
  readonly registry = new Registry();
  readonly barsProcessed: Counter;
  readonly fills: Counter;
  readonly orderEvents: Counter<'event'>;
  readonly brokerErrors: Counter<'error_type'>;

  constructor(labels: { session: string }) {
    const registers = [this.registry];
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    // prom-client also exports these gauges under a counter's suffix, which promtool's lint refuses;
    // the same values stay exported as nodejs_active_handles, _requests and _resources.
    for (const name of DUPLICATE_GAUGES) this.registry.removeSingleMetric(name);
    this.barsProcessed = new Counter({ name: 'rustybt_bars_processed_total', help: 'Bars processed by the strategy since this process started.', registers });
    this.fills = new Counter({ name: 'rustybt_fills_total', help: 'Fills recorded since this process started.', registers });
    this.orderEvents = new Counter({ name: 'rustybt_order_events_total', help: 'Order events since this process started.', labelNames: ['event'], registers });
    this.brokerErrors = new Counter({ name: 'rustybt_broker_errors_total', help: 'Broker errors and retries by type.', labelNames: ['error_type'], registers });
  }

  /** The gauges read at scrape time from what the runner exposes; called once, by the runner it describes. */
  observe(probe: MetricsProbe): void {
    const registers = [this.registry];
    new Gauge({
      name: 'rustybt_orders',
      help: 'Orders of the session by current status.',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset();
        for (const [status, n] of Object.entries(probe.ordersByStatus())) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'rustybt_equity',
      help: 'Account equity (cash + marked positions) in the quote currency.',
      registers,
      collect() {
        this.set(probe.equity());
      },
    });
    new Gauge({
      name: 'rustybt_heartbeat_age_seconds',
      help: 'Seconds since the last heartbeat was written (-1 before the first).',
      registers,
      collect() {
        const age = probe.heartbeatAgeMs();
        this.set(age === undefined ? -1 : age / 1000);
      },
    });
    new Gauge({
      name: 'rustybt_feed_last_bar_age_seconds',
      help: 'Seconds since the feed last delivered a bar (-1 before the first).',
      registers,
      collect() {
        const age = probe.lastBarAgeMs();
        this.set(age === undefined ? -1 : age / 1000);
      },
    });
    new Gauge({
      name: 'rustybt_broker_connected',
      help: '1 when the broker is connected.',
      registers,
      collect() {
        this.set(probe.brokerConnected() ? 1 : 0);
      },
    });
  }

  /** Alert delivery, read at scrape time from the session's alerting (counters since this process started). */
  observeAlerts(read: () => AlertingMetrics): void {
    const registers = [this.registry];
    const counter = (name: string, help: string, pick: (m: AlertingMetrics) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(pick(read()));
        },
      });
    counter('rustybt_alerts_sent_total', 'Alert messages delivered (a flood digest is one).', (m) => m.sent);
    counter('rustybt_alerts_failed_total', 'Failed alert delivery attempts (each retry counts).', (m) => m.failed);
    counter('rustybt_alerts_dead_total', 'Alert deliveries given up on after the last retry (dead letters).', (m) => m.dead);
    new Gauge({
      name: 'rustybt_alerts_outbox_depth',
      help: 'Alert deliveries waiting in the outbox (pending or held for a digest).',
      registers,
      collect() {
        this.set(read().depth);
      },
    });
  }
}
