import { DAY_MS } from '@rustybt/core';
import { defineValidator, makeCheck, measuredCheck, skipCheck, tableEvidence, type Check, type Validator } from '@rustybt/validate';
import { readLogEvents, type LoggedEvent } from '../log-events';
import { logDirOf, type ValidateSetup } from '../setup';
import { sessionFiles, withStore } from '../sessions';

const SAMPLE = 10;
const ORDER_EVENTS = new Set(['order_submitted', 'order_filled', 'order_rejected', 'order_cancelled']);

interface Stored {
  orders: { id: string; status: string }[];
  /** Fills per client order id. */
  fills: Map<string, number>;
  firstRunAt: number | undefined;
}

function stored(path: string): Stored {
  return withStore(path, (store) => {
    const fills = new Map<string, number>();
    for (const f of store.fills()) fills.set(f.client_order_id, (fills.get(f.client_order_id) ?? 0) + 1);
    return { orders: store.orders().map((o) => ({ id: o.client_order_id, status: o.status })), fills, firstRunAt: store.runs()[0]?.started_at };
  });
}

const list = (ids: readonly string[]) => `${ids.slice(0, SAMPLE).join(', ')}${ids.length > SAMPLE ? `, ... (${ids.length} in all)` : ''}`;

function trailChecks(name: string, db: Stored, events: readonly LoggedEvent[]): Check[] {
  const subject = name;
  const byOrder = new Map<string, Set<string>>();
  const filledEvents = new Map<string, number>();
  for (const { event: e } of events) {
    if (!ORDER_EVENTS.has(e.event)) continue;
    const o = e as { client_order_id: string; event: string };
    byOrder.set(o.client_order_id, (byOrder.get(o.client_order_id) ?? new Set()).add(o.event));
    if (o.event === 'order_filled') filledEvents.set(o.client_order_id, (filledEvents.get(o.client_order_id) ?? 0) + 1);
  }
  // A sent order has its submission (or its refusal) logged.
  const unlogged = db.orders.filter((o) => !byOrder.get(o.id)?.has('order_submitted') && !byOrder.get(o.id)?.has('order_rejected')).map((o) => o.id);
  const fillsMissing = [...db.fills].filter(([id, n]) => (filledEvents.get(id) ?? 0) < n).map(([id]) => id);
  const storedIds = new Set(db.orders.map((o) => o.id));
  const unstored = [...byOrder.keys()].filter((id) => !storedIds.has(id));
  const fillCount = [...db.fills.values()].reduce((a, b) => a + b, 0);
  const remedy = 'Keep logLevel at info or debug (order events are info), never delete or edit log files by hand, and restore the missing days from a backup';
  return [
    makeCheck('compliance.orders-logged', unlogged.length ? 'FAIL' : 'PASS', {
      subject,
      value: db.orders.length - unlogged.length,
      threshold: db.orders.length,
      detail: unlogged.length
        ? `orders in the database without a logged submission: ${list(unlogged)}`
        : `all ${db.orders.length} orders have their log events`,
      remedy,
      ...(unlogged.length
        ? {
            evidence: [
              tableEvidence(
                'unlogged-orders',
                'Orders missing from the logs',
                ['Client order id'],
                unlogged.slice(0, 100).map((id) => [id]),
              ),
            ],
          }
        : {}),
    }),
    makeCheck('compliance.fills-logged', fillsMissing.length ? 'FAIL' : 'PASS', {
      subject,
      value: fillCount,
      detail: fillsMissing.length ? `fills without an order_filled event: orders ${list(fillsMissing)}` : `all ${fillCount} fills have an order_filled event`,
      remedy,
    }),
    makeCheck('compliance.logged-orders-stored', unstored.length ? 'FAIL' : 'PASS', {
      subject,
      value: byOrder.size - unstored.length,
      threshold: byOrder.size,
      detail: unstored.length ? `orders logged but not in the database: ${list(unstored)}` : `all ${byOrder.size} logged orders are in the database`,
      remedy: 'The state file is older than the logs: restore the newest backup of the session, or check that the logs belong to this session',
    }),
  ];
}

/** Steps back in time between consecutive events of one process (file order is write order). */
function backwardSteps(events: readonly LoggedEvent[]): { steps: number; largestMs: number } {
  const last = new Map<number, number>();
  let steps = 0;
  let largestMs = 0;
  for (const e of events) {
    const prev = last.get(e.event.pid);
    if (prev !== undefined && e.at < prev) {
      steps++;
      largestMs = Math.max(largestMs, prev - e.at);
    }
    last.set(e.event.pid, Math.max(prev ?? e.at, e.at));
  }
  return { steps, largestMs };
}

/** Days of logs kept against the policy: every day since the first session, up to the policy's days, must still have its file. */
function retentionCheck(files: readonly string[], firstRunAt: number | undefined, days: number, now: number): Check {
  const kept = files
    .map((f) => /^paper-trade-(\d{4}-\d{2}-\d{2})/.exec(f)?.[1])
    .filter((d): d is string => d !== undefined)
    .sort();
  if (firstRunAt === undefined || kept.length === 0) return skipCheck('compliance.log-retention', 'no session has run yet, so no logs are due');
  const today = Math.floor(now / DAY_MS);
  const wantFrom = Math.max(Math.floor(firstRunAt / DAY_MS), today - (days - 1));
  const oldest = Math.floor(Date.parse(`${kept[0]!}T00:00:00Z`) / DAY_MS);
  const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return measuredCheck('compliance.log-retention', {
    value: today - oldest + 1,
    threshold: today - wantFrom + 1,
    comparator: '>=',
    unit: 'days',
    detail:
      oldest <= wantFrom
        ? `logs from ${iso(oldest)} on; the ${days}-day policy needs them from ${iso(wantFrom)}`
        : `the oldest log is ${iso(oldest)}, but the ${days}-day policy needs them from ${iso(wantFrom)}: earlier days were deleted`,
    remedy: `Keep ${days} days of logs (the runner deletes rotated logs after 30 days): copy them off the host daily, or lower logRetentionDays in the criteria`,
  });
}

/** The audit trail: orders and fills against their log events both ways, retention, clocks. */
export function complianceValidator(s: ValidateSetup, now: () => number = Date.now): Validator {
  return defineValidator({
    id: 'compliance',
    title: 'Audit trail and compliance',
    modes: ['standard', 'thorough'],
    run(ctx) {
      const files = sessionFiles(s.layout.state);
      ctx.progress('reading the logs');
      const log = readLogEvents(logDirOf(s));
      if (files.length === 0) {
        return Promise.resolve([
          skipCheck('compliance.orders-logged', `no session databases in ${s.layout.state}`),
          skipCheck('compliance.fills-logged', 'no session databases'),
          skipCheck('compliance.logged-orders-stored', 'no session databases'),
          retentionCheck(log.files, undefined, ctx.thresholds.logRetentionDays, now()),
          skipCheck('compliance.clock-monotonic', log.events.length ? 'no sessions to attribute the events to' : 'no log events'),
        ]);
      }
      const checks: Check[] = [];
      let firstRunAt: number | undefined;
      for (const f of files) {
        let db: Stored;
        try {
          db = stored(f.path);
        } catch (err) {
          checks.push(
            makeCheck('compliance.orders-logged', 'FAIL', {
              subject: f.name,
              detail: `cannot read the state database: ${(err as Error).message}`,
              remedy: 'See the database validator',
            }),
          );
          continue;
        }
        if (db.firstRunAt !== undefined) firstRunAt = Math.min(firstRunAt ?? db.firstRunAt, db.firstRunAt);
        const events = log.events.filter((e) => e.event.session === f.name);
        checks.push(...trailChecks(f.name, db, events));
        const clock = backwardSteps(events);
        checks.push(
          makeCheck('compliance.clock-monotonic', clock.steps ? 'FAIL' : 'PASS', {
            subject: f.name,
            value: clock.steps,
            threshold: 0,
            comparator: '<=',
            detail: clock.steps
              ? `${clock.steps} steps back in time, the largest ${(clock.largestMs / 1000).toFixed(3)} s`
              : `${events.length} events in time order`,
            remedy: 'Run NTP with slewing (chrony makestep only at boot) so the clock never steps back under a runner',
          }),
        );
      }
      checks.push(retentionCheck(log.files, firstRunAt, ctx.thresholds.logRetentionDays, now()));
      return Promise.resolve(checks);
    },
  });
}
