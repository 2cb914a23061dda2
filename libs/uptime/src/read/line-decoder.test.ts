import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rustybtAdapter } from '../adapters/rustybt';
import { Timeline } from '../analyze/timeline';
import { formatEvent } from '../events/format';
import { scanHeartbeat, timestampAt, type HeartbeatFields } from './fast-heartbeat';
import { LineDecoder } from './line-decoder';

/** A timeline that records what it was told, to compare the fast reader with the full parse. */
class Recorder extends Timeline {
  readonly calls: unknown[][] = [];
  constructor() {
    super({ defaultIntervalMs: 1000 });
  }
  override heartbeat(at: number, pid: number, state: number, session: number) {
    this.calls.push(['hb', at, pid, state, this.sessionNames[session]]);
  }
  override sessionStart(at: number, pid: number, intervalMs: number, session: number) {
    this.calls.push(['start', at, pid, intervalMs, this.sessionNames[session]]);
  }
  override sessionStop(at: number, pid: number, session: number) {
    this.calls.push(['stop', at, pid, this.sessionNames[session]]);
  }
  override operation(at: number) {
    this.calls.push(['op', at]);
  }
  override error(at: number, type: string) {
    this.calls.push(['error', at, type]);
  }
  override note(at: number) {
    this.calls.push(['note', at]);
  }
}

function decode(text: string, fast: boolean, chunk: number): { calls: unknown[][]; read: number; malformed: number } {
  const rec = new Recorder();
  const dec = new LineDecoder(rec, { ...rustybtAdapter, jsonHeartbeats: fast });
  const all = Buffer.from(text, 'utf8');
  const buf = Buffer.alloc(all.length + 16);
  let have = 0;
  for (let off = 0; off < all.length; off += chunk) {
    const part = all.subarray(off, off + chunk);
    part.copy(buf, have);
    have += part.length;
    const used = dec.lines(buf, 0, have);
    buf.copy(buf, 0, used, have);
    have -= used;
  }
  dec.lastLine(buf, 0, have);
  return { calls: rec.calls, read: dec.read, malformed: dec.malformed };
}

const heartbeatLine = fc
  .record({
    at: fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2100, 0, 1) }),
    pid: fc.integer({ min: 1, max: 4_000_000 }),
    seq: fc.nat(),
    state: fc.constantFrom('RUNNING', 'HALTED', 'STOPPING' as const),
    equity: fc.stringMatching(/^-?\d{1,9}(\.\d{1,4})?$/),
    session: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    level: fc.constantFrom('debug', 'info', 'warn', 'error' as const),
  })
  .map((r) =>
    formatEvent({
      timestamp: new Date(r.at).toISOString(),
      level: r.level,
      event: 'heartbeat',
      session: r.session,
      pid: r.pid,
      version: '1.2.3',
      seq: r.seq,
      state: r.state,
      equity: r.equity,
    }),
  );

/** Lines of one process: only time, seq, equity and state vary, so the template path is taken. */
const sameProcessLine = fc
  .record({
    at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 1, 0, 3) }),
    seq: fc.nat({ max: 1e9 }),
    state: fc.constantFrom('RUNNING', 'RUNNING', 'RUNNING', 'HALTED' as const),
    equity: fc.stringMatching(/^-?\d{1,9}(\.\d{1,4})?$/),
  })
  .map((r) =>
    formatEvent({
      timestamp: new Date(r.at).toISOString(),
      level: 'info',
      event: 'heartbeat',
      session: 'run-1',
      pid: 4242,
      version: '0.1.0',
      seq: r.seq,
      state: r.state,
      equity: r.equity,
    }),
  );

const MUTATION_CHARS = ['\u0000', '"', '\\', ',', ':', '}', '{', ' ', '0', '9', '-', '.', 'e', 'é', 'x', '\t', '[', 'n'];
const mutated = fc
  .tuple(
    fc.oneof(heartbeatLine, sameProcessLine),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...MUTATION_CHARS), fc.constantFrom('replace', 'insert', 'delete')), { maxLength: 3 }),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [pos, ch, op] of edits) {
      const p = pos % (s.length + 1);
      s = op === 'replace' ? s.slice(0, p) + ch + s.slice(p + 1) : op === 'insert' ? s.slice(0, p) + ch + s.slice(p) : s.slice(0, p) + s.slice(p + 1);
    }
    return s.replace(/\n/g, '');
  });

describe('fast heartbeat reader', () => {
  it('reads timestamps exactly like Date.parse', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (d) => {
        const s = d.toISOString();
        if (s.length !== 24) return;
        expect(timestampAt(Buffer.from(s), 0)).toBe(d.getTime());
      }),
    );
    for (const bad of [
      '2026-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:60:00.000Z',
      '2026-00-01T00:00:00.000Z',
    ]) {
      expect(timestampAt(Buffer.from(bad), 0), bad).toBeNaN();
    }
    expect(timestampAt(Buffer.from('2024-02-29T23:59:59.999Z'), 0)).toBe(Date.parse('2024-02-29T23:59:59.999Z'));
  });

  it('accepts a line only when the full parse reads the same heartbeat', () => {
    const out: HeartbeatFields = {
      at: 0,
      pid: 0,
      state: 0,
      canonical: false,
      session: 0,
      sessionStart: 0,
      sessionEnd: 0,
      seqStart: 0,
      seqEnd: 0,
      equityStart: 0,
      equityEnd: 0,
    };
    fc.assert(
      fc.property(fc.oneof(heartbeatLine, mutated), (line) => {
        const b = Buffer.from(line, 'utf8');
        const j = scanHeartbeat(b, 0, b.length, out);
        const slow = rustybtAdapter.parseLine(line);
        if (j === b.length) {
          const session = b.toString('latin1', out.sessionStart, out.sessionEnd);
          expect(slow).toEqual({ kind: 'heartbeat', at: out.at, session, pid: out.pid, state: ['RUNNING', 'HALTED', 'STOPPING'][out.state] });
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes any mix of good and garbled lines exactly like the full parse, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 1, arbitrary: heartbeatLine }, { weight: 4, arbitrary: sameProcessLine }, { weight: 2, arbitrary: mutated }), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (lines, chunk, crlf) => {
          const text = lines.join(crlf ? '\r\n' : '\n');
          expect(decode(text, true, chunk)).toEqual(decode(text, false, 1 << 20));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads a run of lines of one process through the template', () => {
    const lines = Array.from({ length: 200 }, (_, k) =>
      formatEvent({
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, 55) + k * 250).toISOString(),
        level: 'info',
        event: 'heartbeat',
        session: 's',
        pid: 7,
        version: '1',
        seq: k,
        state: k > 150 ? 'HALTED' : 'RUNNING',
        equity: `${1000 + k}.5`,
      }),
    );
    const fast = decode(lines.join('\n') + '\n', true, 997);
    expect(fast).toEqual(decode(lines.join('\n') + '\n', false, 1 << 20));
    expect(fast.calls).toHaveLength(200);
  });

  it('does not take a garbled date for the cached minute (control bytes in the timestamp)', () => {
    const good = formatEvent({
      timestamp: '2026-01-01T00:00:01.000Z',
      level: 'info',
      event: 'heartbeat',
      session: 's',
      pid: 7,
      version: '1',
      seq: 1,
      state: 'RUNNING',
      equity: '1.5',
    });
    const nul = good.replace('2026-01-01T00:00:', '\u0000'.repeat(17)).replace('01.000Z', '02.000Z');
    const day = good.replace('2026-01-01T00:00:01', '2026-01-\u00001T00:00:02');
    for (const lines of [
      [good, nul],
      [good, good.replace('01.000Z', '03.000Z'), nul],
      [good, good.replace('01.000Z', '03.000Z'), day],
    ]) {
      const text = lines.join('\n') + '\n';
      expect(decode(text, true, 1 << 20)).toEqual(decode(text, false, 1 << 20));
      expect(decode(text, true, 1 << 20).malformed).toBe(1);
    }
  });
});
