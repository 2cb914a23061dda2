import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEvent } from '../events/format';
import { LogScript } from '../testing/log-script';
import { writeLogs } from '../testing/write-logs';
import { analyzeLogDir } from './analyze-log-dir';

const root = mkdtempSync(join(tmpdir(), 'uptime-prop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `p-${n++}`);
const T0 = Date.UTC(2026, 4, 31, 23, 40);

type Step =
  | { op: 'beats'; count: number; halted: boolean }
  | { op: 'crash'; gap: number; pid: number }
  | { op: 'stop'; pause: number; pid: number }
  | { op: 'back'; ms: number }
  | { op: 'garbage' }
  | { op: 'order' }
  | { op: 'error'; type: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('beats' as const), count: fc.integer({ min: 1, max: 80 }), halted: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('crash' as const), gap: fc.integer({ min: 1, max: 900_000 }), pid: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stop' as const), pause: fc.integer({ min: 0, max: 900_000 }), pid: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('back' as const), ms: fc.integer({ min: 1, max: 120_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'garbage' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'order' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('error' as const), type: fc.constantFrom('NetworkError', 'Timeout') }) },
);

function play(steps: Step[]): LogScript {
  const s = new LogScript(T0, 10_000).start(1).beats(2);
  for (const st of steps) {
    if (st.op === 'beats') s.beats(st.count, st.halted ? 'HALTED' : 'RUNNING');
    else if (st.op === 'crash') s.crash(st.gap).start(st.pid + 10, true);
    else if (st.op === 'stop') s.stop(1000, st.pause).start(st.pid + 10);
    else if (st.op === 'back') s.clockBack(st.ms);
    else if (st.op === 'garbage') s.garbage('{"half":');
    else if (st.op === 'order') s.order();
    else s.error(st.type);
  }
  return s.beats(1);
}

describe('uptime properties', () => {
  it('does not depend on how the same events are split into files (parts, gzip, final newline)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        fc.func(fc.boolean()),
        fc.boolean(),
        async (steps, cuts, gzip, noFinalNewline) => {
          const s = play(steps);
          const a = freshDir();
          const b = freshDir();
          writeLogs(a, s.lines);
          writeLogs(b, s.lines, { cuts: () => cuts, gzip: (name) => gzip(name), noFinalNewline });
          const ra = (await analyzeLogDir({ logDir: a })).report;
          const rb = (await analyzeLogDir({ logDir: b })).report;
          expect({ ...rb, files: null }).toEqual({ ...ra, files: null });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches the ground truth of any generated run without clock steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          step.filter((st) => st.op !== 'back'),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          const s = play(steps);
          const dir = freshDir();
          writeLogs(dir, s.lines);
          const r = (await analyzeLogDir({ logDir: dir })).report;
          expect(r.seconds.down).toBe(s.truth.downMs / 1000);
          expect(r.seconds.planned).toBe(s.truth.plannedMs / 1000);
          expect(r.seconds.degraded).toBe(s.truth.degradedMs / 1000);
          expect(r.restarts).toBe(s.truth.restarts);
          expect(r.lines.malformed).toBe(s.truth.malformed);
          expect(r.operations).toBe(s.truth.operations);
          expect(r.errors.total).toBe(s.truth.errors);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never reports more downtime when heartbeats are inserted', async () => {
    const beat = (at: number, pid: number) =>
      formatEvent({
        timestamp: new Date(at).toISOString(),
        level: 'info',
        event: 'heartbeat',
        session: 's',
        pid,
        version: '1',
        seq: 0,
        state: 'RUNNING',
        equity: '1',
      });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7_200_000 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7_200_000 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 60 }),
        async (base, extra, intervalS) => {
          const window = { start: T0 - 600_000, end: T0 + 7_800_000, heartbeatMs: intervalS * 1000 };
          const run = async (beats: [number, number][]) => {
            const dir = freshDir();
            const sorted = [...beats].sort((x, y) => x[0] - y[0]);
            writeLogs(
              dir,
              sorted.map(([t, pid]) => ({ day: new Date(T0 + t).toISOString().slice(0, 10), text: beat(T0 + t, pid) })),
            );
            return (await analyzeLogDir({ logDir: dir, ...window })).report;
          };
          // Inserted anywhere from the first heartbeat on: one earlier than all evidence would turn unknown
          // time into observed time, which may rightly hold downtime.
          const first = Math.min(...base.map(([t]) => t));
          const before = await run(base);
          const after = await run([...base, ...extra.map(([t, pid]): [number, number] => [Math.max(t, first), pid])]);
          expect(after.seconds.down).toBeLessThanOrEqual(before.seconds.down);
        },
      ),
      { numRuns: 60 },
    );
  });
});
