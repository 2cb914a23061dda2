import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../events/format';
import { writeSteadyHeartbeats } from './steady-heartbeats';

const dir = mkdtempSync(join(tmpdir(), 'uptime-steady-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeSteadyHeartbeats', () => {
  it('writes contract lines, one interval apart, across midnight', () => {
    const file = join(dir, 'paper-trade-2026-01-01.log');
    const start = Date.UTC(2026, 0, 1, 23, 59, 58, 750);
    const w = writeSteadyHeartbeats(file, { start, count: 5, intervalMs: 250 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(w.lines).toBe(6);
    expect(lines).toHaveLength(6);
    const events = lines.map((l) => parseEventLine(l));
    expect(events.every((e) => e.ok)).toBe(true);
    const stamps = events.map((e) => (e.ok ? e.event.timestamp : ''));
    expect(stamps).toEqual([0, 1, 2, 3, 4, 5].map((k) => new Date(start + k * 250).toISOString()));
  });
});
