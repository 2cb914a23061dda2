import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLogDir } from '../analyze/analyze-log-dir';
import { freqtradeAdapter, observeFreqtradeLine } from './freqtrade';

const dir = mkdtempSync(join(tmpdir(), 'uptime-freqtrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (at: number, pid: number, state = 'RUNNING') =>
  `${new Date(at).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23)} - freqtrade.worker - INFO - Bot heartbeat. PID=${pid}, version='2024.1', state='${state}'`;

describe('freqtrade adapter', () => {
  it('reads heartbeat lines and ignores the rest', () => {
    expect(observeFreqtradeLine(line(Date.UTC(2024, 0, 15, 10, 23, 45, 123), 12345))).toEqual({
      kind: 'heartbeat',
      at: Date.UTC(2024, 0, 15, 10, 23, 45, 123),
      session: '',
      pid: 12345,
      state: 'RUNNING',
    });
    expect(observeFreqtradeLine(line(0, 7, 'STOPPED'))).toMatchObject({ state: 'HALTED' });
    expect(observeFreqtradeLine('2024-01-15 10:23:45,123 - freqtrade.freqtradebot - INFO - Entering trade')).toBeNull();
    expect(observeFreqtradeLine('Traceback (most recent call last):')).toBeNull();
    expect(observeFreqtradeLine("2024-01-15 10:23:45,123 - freqtrade.worker - INFO - Bot heartbeat. PID=0, version='x', state='RUNNING'")).toBeUndefined();
    expect(observeFreqtradeLine("2024-02-30 10:23:45,123 - freqtrade.worker - INFO - Bot heartbeat. PID=1, version='x', state='RUNNING'")).toBeUndefined();
  });

  it('never throws on any line (fuzz)', () => {
    fc.assert(fc.property(fc.string(), (s) => void observeFreqtradeLine(s)));
  });

  it('analyzes rotated freqtrade logs oldest first: a crash is a gap and a pid change', async () => {
    const t0 = Date.UTC(2024, 0, 15);
    const older = Array.from({ length: 60 }, (_, k) => line(t0 + k * 60_000, 100));
    const newer = Array.from({ length: 60 }, (_, k) => line(t0 + 3_600_000 + 600_000 + k * 60_000, 200));
    writeFileSync(join(dir, 'freqtrade.log.1'), older.join('\n') + '\n');
    writeFileSync(join(dir, 'freqtrade.log'), `${newer.join('\n')}\n2024-01-15 12:00:00,000 - freqtrade - INFO - something else\n`);
    const { report } = await analyzeLogDir({ logDir: dir, adapter: freqtradeAdapter });
    expect(report.files.read).toEqual(['freqtrade.log.1', 'freqtrade.log']);
    expect(report.restarts).toBe(1);
    // last beat of the older file at 59 min, next at 70 min: gap 11 min, interval 60 s -> 10 min down
    expect(report.seconds.down).toBe(600);
    expect(report.lines).toEqual({ read: 121, malformed: 0 });
  });
});
