import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeLogDir } from '../analyze/analyze-log-dir';
import type { UptimeAnalysis } from '../analyze/report-types';
import { LogScript } from '../testing/log-script';
import { writeLogs } from '../testing/write-logs';
import { humanSeconds } from './figures';
import { htmlReport } from './html-report';
import { markdownReport } from './markdown-report';
import { textReport } from './text-report';

const dir = mkdtempSync(join(tmpdir(), 'uptime-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let analysis: UptimeAnalysis;

beforeAll(async () => {
  const s = new LogScript(Date.UTC(2026, 5, 1, 22), 10_000)
    .start(1)
    .beats(600)
    .error('NetworkError')
    .order()
    .beats(60, 'HALTED')
    .crash(300_000)
    .start(2)
    .beats(300)
    .stop(1000, 1_800_000)
    .start(3)
    .beats(100);
  writeLogs(dir, s.lines);
  analysis = await analyzeLogDir({ logDir: dir, end: Date.UTC(2026, 5, 2, 6) });
});

describe('reports', () => {
  it('formats durations for people', () => {
    expect(humanSeconds(0)).toBe('0s');
    expect(humanSeconds(90061.5)).toBe('1d 1h 1m 1.5s');
    expect(humanSeconds(-61)).toBe('-1m 1s');
  });

  it('text: verdict first, every incident listed', () => {
    const t = textReport(analysis.report);
    expect(t.split('\n')[0]).toMatch(/^uptime \d+(\.\d+)?% — SLO 99\.9% MISSED$/);
    expect(t).toContain('crash   4m 50s');
    expect(t).toContain('planned 30m');
    expect(t).toMatch(/open\s+/);
  });

  it('markdown: a table of figures and one row per incident', () => {
    const md = markdownReport(analysis.report);
    expect(md).toContain('| SLO target | 99.9% — **missed** |');
    expect(md.match(/^\| 2026-06-0\d/gm)).toHaveLength(analysis.report.incidents.length);
    expect(md).toContain('| NetworkError | 1 |');
  });

  it('html: self-contained, every state on the timeline, and the incident table', () => {
    const html = htmlReport(analysis);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(html).toContain('<svg');
    for (const color of ['#2e9d57', '#e0b323', '#4d7ee8', '#d64545', '#8b1e1e']) expect(html).toContain(`fill="${color}"`);
    expect(html.match(/<tr class="(crash|planned|open)">/g)).toHaveLength(analysis.report.incidents.length);
  });

  it('html: a window shorter than a day is one row of its own length, with its times on the axis', () => {
    const html = htmlReport(analysis); // 22:00 .. 06:00 the next day
    expect(html.match(/<text x="0"/g)).toHaveLength(1);
    expect(ticks(html)).toEqual(['22:00', '00:00', '02:00', '04:00', '06:00']);
    // The spans tile the row: together they are as wide as the timeline (960 px less the date label).
    const widths = [...html.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="14" fill=/g)].map((m) => Number(m[1]));
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(868, 0);
  });

  it('html: a longer window has a row per UTC day, 00:00 to 24:00', async () => {
    const long = await analyzeLogDir({ logDir: dir, end: Date.UTC(2026, 5, 4, 6) });
    const html = htmlReport(long);
    expect([...html.matchAll(/<text x="0" y="\d+">([\d-]+)</g)].map((m) => m[1])).toEqual(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04']);
    expect(ticks(html)).toEqual(['00:00', '06:00', '12:00', '18:00', '24:00']);
  });
});

const ticks = (html: string) => [...html.matchAll(/<text class="tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
