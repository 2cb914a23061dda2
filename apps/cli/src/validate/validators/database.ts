import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile } from '@rustybt/bench';
import { StateStore } from '@rustybt/paper-runner';
import { defineValidator, histogramFromSamples, makeCheck, measuredCheck, skipCheck, type Check, type Validator } from '@rustybt/validate';
import type { ValidateSetup } from '../setup';
import { sessionFiles } from '../sessions';
import { readSqliteHeader } from '../sqlite-header';

const QUERY_ROUNDS = 200;

/** The schema version this build writes: what a new state file gets. */
export function currentSchemaVersion(): number {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-validate-schema-'));
  try {
    const store = StateStore.open(join(dir, 'probe.db'));
    try {
      return store.schemaVersion;
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The queries `rustybt status` makes of a stopped session, timed one round at a time (ms). */
function statusQueryTimes(store: StateStore): number[] {
  const times: number[] = [];
  for (let i = 0; i < QUERY_ROUNDS; i++) {
    const t0 = performance.now();
    store.meta();
    store.runs();
    store.checkpoint();
    store.cash();
    store.positions();
    store.orderCountsByStatus();
    store.openOrders();
    store.recentFills(20);
    times.push(performance.now() - t0);
  }
  return times;
}

function sessionChecks(name: string, path: string, current: number, p99Threshold: number): Check[] {
  const subject = name;
  const header = readSqliteHeader(path);
  const wal = makeCheck('database.wal-mode', header.wal ? 'PASS' : 'FAIL', {
    subject,
    value: header.wal ? 'wal' : header.sqlite ? 'rollback journal' : 'not SQLite',
    threshold: 'wal',
    detail: header.wal ? 'journal_mode=WAL' : 'the file is not in WAL mode',
    remedy: 'Start the session once with this rustybt (it switches the file to WAL), or restore it from a backup',
  });
  let store: StateStore;
  try {
    store = StateStore.openReadOnly(path, { lockTimeoutMs: 500 });
  } catch (err) {
    const message = (err as Error).message;
    const version = header.userVersion === current;
    return [
      makeCheck('database.integrity', 'FAIL', {
        subject,
        value: 'unreadable',
        threshold: 'ok',
        detail: message,
        remedy: 'Restore the session from a backup (rustybt restore), or move the file out of the state folder',
      }),
      wal,
      makeCheck('database.schema-version', version ? 'PASS' : 'FAIL', {
        subject,
        value: header.userVersion,
        threshold: current,
        comparator: '==',
        detail: version ? 'current' : `schema ${header.userVersion}, this rustybt writes ${current}`,
        remedy: 'Start the session once with this rustybt to upgrade it',
      }),
      skipCheck('database.query-latency', 'the database does not open', { subject }),
    ];
  }
  try {
    const integrity = store.integrityCheck();
    const ok = integrity === 'ok';
    const times = statusQueryTimes(store);
    const p99 = quantile(times, 0.99);
    return [
      makeCheck('database.integrity', ok ? 'PASS' : 'FAIL', {
        subject,
        value: ok ? 'ok' : 'damaged',
        threshold: 'ok',
        detail: ok ? 'PRAGMA integrity_check: ok' : integrity.split('\n').slice(0, 3).join('; '),
        remedy: 'Restore the session from a backup (rustybt restore)',
      }),
      wal,
      measuredCheck('database.schema-version', {
        subject,
        value: store.schemaVersion,
        threshold: current,
        comparator: '==',
        detail: `user_version ${store.schemaVersion}`,
        remedy: 'Start the session once with this rustybt to upgrade it',
      }),
      measuredCheck('database.query-latency', {
        subject,
        value: p99,
        threshold: p99Threshold,
        comparator: '<=',
        unit: 'ms',
        detail: `p99 of ${QUERY_ROUNDS} rounds of the status queries (meta, runs, checkpoint, cash, positions, order counts, open orders, recent fills)`,
        remedy: 'Check the disk (iostat), or VACUUM a copy of the file offline',
        evidence: [
          histogramFromSamples(times, {
            title: 'Status query latency',
            unit: 'ms',
            markers: [
              { label: 'p99', value: p99 },
              { label: 'threshold', value: p99Threshold },
            ],
          }),
        ],
      }),
    ];
  } finally {
    store.close();
  }
}

/** Every session database under $RUSTYBT_HOME/state: integrity, WAL, schema version, status query latency. */
export function databaseValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'database',
    title: 'State databases',
    modes: ['standard', 'thorough'],
    run(ctx) {
      const files = sessionFiles(s.layout.state);
      if (files.length === 0)
        return Promise.resolve([
          skipCheck('database.sessions', `no session databases in ${s.layout.state}`, {
            remedy: 'Start a session first: rustybt paper-trade --strategy <file>',
          }),
        ]);
      const current = currentSchemaVersion();
      const checks: Check[] = [makeCheck('database.sessions', 'PASS', { value: files.length, detail: files.map((f) => f.name).join(', ') })];
      files.forEach((f, i) => {
        ctx.progress(`checking ${f.name}`, i / files.length);
        checks.push(...sessionChecks(f.name, f.path, current, ctx.thresholds.dbQueryP99Ms));
      });
      return Promise.resolve(checks);
    },
  });
}
