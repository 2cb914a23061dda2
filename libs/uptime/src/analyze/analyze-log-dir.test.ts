import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEvent } from '../events/format';
import { LogScript } from '../testing/log-script';
import { writeLogs, type SplitOptions } from '../testing/write-logs';
import { analyzeLogDir, UptimeInputError, type AnalyzeOptions } from './analyze-log-dir';

const root = mkdtempSync(join(tmpdir(), 'uptime-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `case-${n++}`);

async function analyze(script: LogScript, options: Omit<AnalyzeOptions, 'logDir'> = {}, split: SplitOptions = {}) {
  const dir = freshDir();
  writeLogs(dir, script.lines, split);
  return (await analyzeLogDir({ logDir: dir, ...options })).report;
}

const T0 = Date.UTC(2026, 2, 1, 23, 50);
const iso = (ms: number) => new Date(ms).toISOString();

/** Crashes, a planned stop, a restart, HALTED, a clock step back, garbage and a truncated last line. */
function eventfulScript(): LogScript {
  return new LogScript(T0, 1000)
    .start(100)
    .beats(300)
    .order()
    .error('NetworkError')
    .order()
    .beats(100, 'HALTED')
    .beats(50)
    .crash(120_000)
    .start(101, true)
    .beats(600)
    .garbage('not json at all')
    .garbage('{"timestamp":"2026-03-02T00:00:00.000Z","event":"heartbeat"}')
    .clockBack(30_000)
    .beats(200)
    .error('RateLimit')
    .stop(500, 600_000)
    .start(102)
    .beats(100)
    .truncatedBeat();
}

describe('analyzeLogDir against generated logs with known ground truth', () => {
  it('counts crash, planned and degraded time exactly, across days, gzip and a truncated last line', async () => {
    const s = eventfulScript();
    const t = s.truth;
    const r = await analyze(s, {}, { gzip: (name) => name.includes('03-01'), noFinalNewline: true });
    expect(r.seconds.down).toBe(t.downMs / 1000);
    expect(r.seconds.planned).toBe(t.plannedMs / 1000);
    expect(r.seconds.degraded).toBe(t.degradedMs / 1000);
    expect(r.seconds.unknown).toBe(0);
    expect(r.window).toEqual({ start: iso(t.firstAt), end: iso(t.lastAt) });
    expect(r.seconds.window).toBe((t.lastAt - t.firstAt) / 1000);
    expect(r.restarts).toBe(t.restarts);
    expect(r.operations).toBe(t.operations);
    expect(r.errors).toEqual({ total: 2, per1000Ops: 1000, byType: { NetworkError: 1, RateLimit: 1 } });
    expect(r.lines.malformed).toBe(t.malformed);
    expect(r.clock.backwardSteps).toBe(1);
    // the clock went back 30 s, and the next heartbeat came one interval later: stamps step back 29 s
    expect(r.clock.largestStepSeconds).toBe(29);
    expect(r.incidents.map((i) => [i.start, i.end, i.kind])).toEqual([
      [iso(t.outages[0]![0]), iso(t.outages[0]![1]), 'crash'],
      [expect.any(String), expect.any(String), 'planned'],
    ]);
    expect(r.incidents[1]!.durationSeconds).toBe(600);
    expect(r.mttrSeconds).toBe(t.downMs / 1000);
    const observed = (t.lastAt - t.firstAt) / 1000;
    expect(r.uptimePct).toBeCloseTo(100 * (1 - (t.downMs + t.plannedMs) / 1000 / observed), 5);
    expect(r.slo.met).toBe(false);
    expect(r.mtbfSeconds).toBe(observed - (t.downMs + t.plannedMs) / 1000);
  });

  it('leaves planned downtime out of the SLO with excludePlanned', async () => {
    const s = eventfulScript();
    const r = await analyze(s, { excludePlanned: true });
    const observed = (s.truth.lastAt - s.truth.firstAt) / 1000;
    expect(r.uptimePct).toBeCloseTo(100 * (1 - s.truth.downMs / 1000 / observed), 5);
    expect(r.slo.budgetLeftSeconds).toBeCloseTo(r.slo.budgetSeconds - s.truth.downMs / 1000, 3);
  });

  it('calls the time before the first evidence unknown and excludes it from the denominator', async () => {
    const s = new LogScript(T0, 1000).start(1).beats(3600);
    const r = await analyze(s, { start: T0 - 600_000 });
    expect(r.seconds.unknown).toBe(600);
    expect(r.seconds.observed).toBe(3600);
    expect(r.uptimePct).toBe(100);
    expect(r.incidents).toEqual([]);
  });

  it('uses evidence from before the window: a crash across the window start is down from the start', async () => {
    const s = new LogScript(T0, 1000).start(1).beats(100).crash(600_000).start(2).beats(100);
    const start = T0 + 300_000;
    const r = await analyze(s, { start });
    expect(r.seconds.unknown).toBe(0);
    expect(r.seconds.down).toBe((T0 + 100_000 + 600_000 - start) / 1000);
    expect(r.incidents[0]!.start).toBe(iso(start));
  });

  it('censors an outage still open at the window end', async () => {
    const s = new LogScript(T0, 10_000).start(1).beats(360);
    const last = T0 + 3_600_000;
    const end = last + 1_800_000;
    const r = await analyze(s, { end });
    expect(r.incidents).toEqual([{ start: iso(last + 10_000), end: iso(end), durationSeconds: 1790, kind: 'open' }]);
    expect(r.seconds.down).toBe(1790);
    expect(r.mttrSeconds).toBeNull();
    expect(r.mtbfSeconds).toBe(3610);
  });

  it('does not count a gap within interval + grace, but counts the restart', async () => {
    const s = new LogScript(T0, 1000).start(1).beats(10).crash(2000).start(2).beats(10).crash(2001).start(3).beats(10);
    const r = await analyze(s);
    expect(r.seconds.down).toBe(1.001);
    expect(r.restarts).toBe(2);
    expect(s.truth.downMs).toBe(1001);
  });

  it('honours heartbeat and grace overrides', async () => {
    const s = new LogScript(T0, 1000).start(1).beats(10).crash(25_000).start(2).beats(10);
    expect((await analyze(s)).seconds.down).toBe(24);
    expect((await analyze(s, { heartbeatMs: 10_000 })).seconds.down).toBe(15);
    expect((await analyze(s, { heartbeatMs: 10_000, graceMs: 20_000 })).seconds.down).toBe(0);
  });

  it('merges outages closer than the merge gap', async () => {
    const s = new LogScript(T0, 1000).start(1).beats(10).crash(20_000).start(2).beats(30).crash(20_000).start(3).beats(10);
    const merged = await analyze(s, { mergeGapMs: 60_000 });
    expect(merged.incidents).toHaveLength(1);
    expect(merged.incidents[0]!.durationSeconds).toBe(19 + 30 + 1 + 19);
    expect(merged.seconds.down).toBe(38);
    expect((await analyze(s, { mergeGapMs: 10_000 })).incidents).toHaveLength(2);
  });

  it('computes the error budget of a 30-day month exactly and the worst burn rates', async () => {
    const s = new LogScript(Date.UTC(2026, 3, 1), 60_000)
      .start(1)
      .beats(60 * 24 * 15)
      .crash(31 * 60_000)
      .start(2)
      .beats(60 * 24 * 15 - 31);
    const r = await analyze(s);
    expect(r.seconds.observed).toBe(30 * 86_400);
    expect(r.slo.budgetSeconds).toBe(2592);
    expect(r.seconds.down).toBe(1800);
    expect(r.slo.met).toBe(true);
    expect(r.slo.budgetLeftSeconds).toBe(792);
    expect(r.burnRate['1h']!.rate).toBe(500);
    expect(r.burnRate['1d']!.rate).toBeCloseTo((1800 / 86_400) * 1000, 3);
  });

  it('reads the plain file when a .gz copy of it also exists', async () => {
    const dir = freshDir();
    const s = new LogScript(T0, 1000).start(1).beats(100);
    const [name] = writeLogs(dir, s.lines);
    const text = s.lines.map((l) => l.text).join('\n');
    writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
    const r = (await analyzeLogDir({ logDir: dir })).report;
    expect(r.files.skipped).toEqual([`${name}.gz`]);
    expect(r.lines.read).toBe(101);
    expect(r.clock.backwardSteps).toBe(0);
  });

  it('reports a truncated .gz file and keeps what it could read', async () => {
    const dir = freshDir();
    const s = new LogScript(T0, 1000).start(1).beats(5000);
    const gz = gzipSync(s.lines.map((l) => l.text).join('\n'));
    writeLogs(dir, []);
    writeFileSync(join(dir, 'paper-trade-2026-03-01.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const r = (await analyzeLogDir({ logDir: dir })).report;
    expect(r.files.errors).toHaveLength(1);
    expect(r.lines.read).toBeGreaterThan(100);
  });

  it('counts a line longer than the line buffer as one malformed line and reads on, plain and gzip', async () => {
    const s = new LogScript(T0, 1000)
      .start(1)
      .beats(50)
      .garbage('x'.repeat(9 << 20))
      .beats(50);
    for (const gzip of [false, true]) {
      const r = await analyze(s, {}, { gzip: () => gzip });
      expect(r.lines).toEqual({ read: 102, malformed: 1 });
      expect(r.seconds.down).toBe(0);
      expect(r.seconds.observed).toBe(100);
    }
  });

  it('refuses a log file it cannot read rather than report on part of the logs', async () => {
    const dir = freshDir();
    writeLogs(dir, new LogScript(T0, 1000).start(1).beats(10).lines);
    mkdirSync(join(dir, 'paper-trade-2026-03-02.log'));
    await expect(analyzeLogDir({ logDir: dir })).rejects.toThrow(/^cannot read .*paper-trade-2026-03-02\.log \(EISDIR\)\. Fix its permissions/);
    await expect(analyzeLogDir({ logDir: dir })).rejects.toMatchObject({ exitCode: 2 });
    rmSync(join(dir, 'paper-trade-2026-03-02.log'), { recursive: true });
    mkdirSync(join(dir, 'paper-trade-2026-03-03.log.gz'));
    await expect(analyzeLogDir({ logDir: dir })).rejects.toThrow(/^cannot read .*paper-trade-2026-03-03\.log\.gz \(EISDIR\)/);
  });

  it('refuses two runners logging into one directory at once, and analyzes one with session', async () => {
    const dir = freshDir();
    const line = (session: string, pid: number, at: number, event: 'session_start' | 'heartbeat' | 'error') =>
      formatEvent(
        event === 'session_start'
          ? {
              timestamp: iso(at),
              level: 'info',
              event,
              session,
              pid,
              version: '1',
              heartbeat_interval_ms: 10_000,
              strategy: 's',
              broker: 'paper',
              mode: 'paper',
              resumed: false,
            }
          : event === 'error'
            ? { timestamp: iso(at), level: 'error', event, session, pid, version: '1', error_type: session, message: 'm' }
            : { timestamp: iso(at), level: 'info', event, session, pid, version: '1', seq: 0, state: 'RUNNING', equity: '1' },
      );
    const events: [number, string][] = [
      [T0, line('a', 1, T0, 'session_start')],
      [T0 + 5000, line('b', 2, T0 + 5000, 'session_start')],
    ];
    for (let k = 1; k <= 360; k++) {
      // session a misses 10 minutes in the middle; b is steady
      if (k < 150 || k > 210) events.push([T0 + k * 10_000, line('a', 1, T0 + k * 10_000, 'heartbeat')]);
      events.push([T0 + 5000 + k * 10_000, line('b', 2, T0 + 5000 + k * 10_000, 'heartbeat')]);
    }
    events.push([T0 + 100_000, line('b', 2, T0 + 100_000, 'error')]);
    events.sort((x, y) => x[0] - y[0]);
    writeLogs(
      dir,
      events.map(([, text]) => ({ day: '2026-03-01', text })),
    );
    await expect(analyzeLogDir({ logDir: dir })).rejects.toThrow("sessions 'b' and 'a' logged heartbeats at the same time");
    const a = (await analyzeLogDir({ logDir: dir, session: 'a' })).report;
    expect(a.seconds.down).toBe(610); // beats 149 -> 211: a 620 s gap, down from 149 + one interval
    expect(a.errors.total).toBe(0);
    expect(a.settings.session).toBe('a');
    const b = (await analyzeLogDir({ logDir: dir, session: 'b' })).report;
    expect(b.seconds.down).toBe(0);
    expect(b.errors.byType).toEqual({ b: 1 });
    expect([a.restarts, b.restarts]).toEqual([0, 0]);
    await expect(analyzeLogDir({ logDir: dir, session: 'c' })).rejects.toThrow("no events of session 'c' in");
  });

  it('counts a new session after a crash as a restart, one after a stop as planned', async () => {
    const dir = freshDir();
    const a = new LogScript(T0, 1000, 'a').start(1).beats(100);
    const b = new LogScript(a.now + 30_000, 1000, 'b').start(2).beats(100);
    writeLogs(dir, [...a.lines, ...b.lines]);
    const r = (await analyzeLogDir({ logDir: dir })).report;
    expect(r.restarts).toBe(1);
    expect(r.seconds.down).toBe(29);
  });

  it('names the directory and the file pattern when there are no logs', async () => {
    const dir = freshDir();
    writeLogs(dir, []);
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await expect(analyzeLogDir({ logDir: dir })).rejects.toThrow(new RegExp(`no logs found in ${dir} \\(looked for paper-trade-YYYY-MM-DD\\.log`));
    await expect(analyzeLogDir({ logDir: join(dir, 'missing') })).rejects.toBeInstanceOf(UptimeInputError);
    writeFileSync(join(dir, 'paper-trade-2026-03-01.log'), 'garbage\n');
    await expect(analyzeLogDir({ logDir: dir })).rejects.toThrow(/no heartbeat or session events/);
    writeLogs(dir, new LogScript(T0, 1000).start(1).beats(10).lines);
    await expect(analyzeLogDir({ logDir: dir, start: T0 + 3_600_000 })).rejects.toThrow(
      /the window .* is empty: the logs run from 2026-03-01T23:50:00.000Z to 2026-03-01T23:50:10.000Z/,
    );
  });

  it('reproduces the worked example of the README', async () => {
    const T = Date.UTC(2026, 2, 1);
    const s = new LogScript(T, 10_000)
      .start(100)
      .beats(60)
      .crash(120_000)
      .start(101, true)
      .beats(30)
      .beats(6, 'HALTED')
      .beats(72)
      .stop(5_000, 295_000)
      .start(102)
      .beats(30);
    const window = { start: Date.parse('2026-02-28T23:55:00Z'), end: Date.parse('2026-03-01T00:45:00Z') };
    const r = await analyze(s, window);
    expect(r.seconds).toEqual({ window: 3000, observed: 2700, unknown: 300, down: 400, planned: 295, degraded: 60 });
    expect(r.uptimePct).toBe(74.259259);
    expect(r.slo).toEqual({ target: 99.9, met: false, budgetSeconds: 2.7, budgetLeftSeconds: -692.3 });
    expect(r.incidents.map((i) => [i.start.slice(11, 19), i.end.slice(11, 19), i.durationSeconds, i.kind])).toEqual([
      ['00:10:10', '00:12:00', 110, 'crash'],
      ['00:30:05', '00:35:00', 295, 'planned'],
      ['00:40:10', '00:45:00', 290, 'open'],
    ]);
    expect([r.restarts, r.mttrSeconds, r.mtbfSeconds]).toEqual([1, 110, 1002.5]);
    expect((await analyze(s, { ...window, excludePlanned: true })).uptimePct).toBe(85.185185);
  });
});
