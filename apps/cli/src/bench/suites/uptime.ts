import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defineSuite, throughputCase } from '@rustybt/bench';
import { analyzeLogDir } from '@rustybt/uptime';

const DAY_S = 86_400;

interface Logs {
  dir: string;
  lines: number;
}

/**
 * A log directory with `days` of 1-second heartbeats in one file (the runner's format). Written by a
 * separate Node process: the millions of strings it builds must not count in this process's peak RSS.
 */
function makeLogs(days: number): Logs {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-uptime-'));
  const uptime = createRequire(import.meta.url).resolve('@rustybt/uptime/testing');
  const script = `const { writeSteadyHeartbeats } = require(${JSON.stringify(uptime)});
process.stdout.write(String(writeSteadyHeartbeats(process.argv[1], { start: Date.UTC(2026, 0, 1), count: Number(process.argv[2]), intervalMs: 1000 }).lines));`;
  const out = execFileSync(process.execPath, ['-e', script, join(dir, 'paper-trade-2026-01-01.log'), String(days * DAY_S)], { encoding: 'utf8' });
  return { dir, lines: Number(out) };
}

async function analyze(logs: Logs): Promise<number> {
  const { report } = await analyzeLogDir({ logDir: logs.dir });
  if (report.lines.read !== logs.lines || report.seconds.down !== 0)
    throw new Error(`uptime analysis read ${report.lines.read} of ${logs.lines} lines, down ${report.seconds.down}s. The analyzer is broken`);
  return report.lines.read;
}

/** The obvious implementation: readline, JSON.parse every line, track the largest heartbeat gap. */
async function naive(logs: Logs): Promise<number> {
  let lines = 0;
  let last = Number.NaN;
  let worstGap = 0;
  const rl = createInterface({ input: createReadStream(join(logs.dir, 'paper-trade-2026-01-01.log')), crlfDelay: Infinity });
  for await (const line of rl) {
    const e = JSON.parse(line) as { event: string; timestamp: string };
    lines++;
    if (e.event !== 'heartbeat') continue;
    const t = Date.parse(e.timestamp);
    if (t - last > worstGap) worstGap = t - last;
    last = t;
  }
  if (worstGap > 1000) throw new Error(`naive reader saw a ${worstGap} ms gap in steady heartbeats`);
  return lines;
}

/** The analyzer alone in a child process: its peak RSS, which must not grow with the file. */
function rssCase(days: number) {
  return throughputCase<Logs>({
    name: `peak RSS, ${days} days`,
    unit: 'lines',
    setup: () => makeLogs(days),
    run: analyze,
    teardown: (logs) => rmSync(logs.dir, { recursive: true, force: true }),
    iterations: { full: 3, quick: 1 },
    warmup: { full: 0, quick: 0 },
    goals: ['rss <= 150MB'],
    isolate: true,
  });
}

// 30 days of 1-second heartbeats is the month the SLO is judged on (~2.6 M lines, ~460 MB).
// Speed is measured against the naive reader in the same child; memory in separate children for 30 days
// and 3 days, so the peak RSS is the analyzer's own and shows it does not grow with the file.
export default defineSuite({
  name: 'uptime',
  description: 'analyze-uptime over 30 days of 1 s heartbeats (lines/s, peak RSS) vs readline + JSON.parse',
  cases: [
    throughputCase<Logs>({
      name: 'analyze 30 days of 1 s heartbeats',
      unit: 'lines',
      setup: () => makeLogs(30),
      run: analyze,
      reference: { name: 'readline + JSON.parse', run: naive },
      teardown: (logs) => rmSync(logs.dir, { recursive: true, force: true }),
      iterations: { full: 5, quick: 2 },
      warmup: { full: 1, quick: 1 },
      goals: ['>= 4e6 lines/s'],
      isolate: true,
    }),
    rssCase(30),
    rssCase(3),
  ],
});
