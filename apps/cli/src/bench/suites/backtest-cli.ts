import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { latencyCase, type BenchCase } from '@rustybt/bench';
import { csvHeader, csvRow, GbmPath } from '@rustybt/data-providers';
import { cliBinPath } from '../cli-bin';
import { firstDifference, GRADEMARK_SMA_SCRIPT, grademarkTradesFor, type Bars, type SimpleTrade } from './grademark-sma';

const FAST = 10;
const SLOW = 30;

interface Files {
  dir: string;
  home: string;
  csv: string;
  bars: Bars;
}

/**
 * A generated 1-minute CSV of seeded sim bars, as a user would hand it to `rustybt backtest`.
 * Written in slices, so making it leaves no high-water mark in this process's RSS.
 */
function writeCsv(n: number, name: string): Files {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-backtest-cli-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const path = new GbmPath('SIM', '1m', { seed: 1 });
  const bars: Bars = { n, time: new Float64Array(n), open: new Float64Array(n), close: new Float64Array(n) };
  const csv = join(dir, `${name}.csv`);
  const fd = openSync(csv, 'w', 0o600);
  try {
    writeSync(fd, `${csvHeader('iso')}\n`);
    const start = Date.UTC(2024, 0, 1);
    let lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const b = path.next(start + i * 60_000);
      bars.time[i] = b.time;
      bars.open[i] = b.open;
      bars.close[i] = b.close;
      lines.push(csvRow(b, 'iso'));
      if (lines.length === 10_000 || i === n - 1) {
        writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  return { dir, home, csv, bars };
}

function smaExample(): string {
  const file = join(dirname(cliBinPath()), '..', '..', '..', 'examples', 'sma-crossover.ts');
  if (!existsSync(file)) throw new Error(`the backtest-cli cases run examples/sma-crossover.ts, not found at ${file}. Run the benchmark from the repository`);
  return file;
}

const backtestArgs = (f: Files, extra: string[]) => [
  '--json',
  'backtest',
  '--strategy',
  smaExample(),
  '--data',
  `csv:${f.csv}`,
  '--param',
  `fast=${FAST}`,
  '--param',
  `slow=${SLOW}`,
  ...extra,
];

/** The whole `rustybt backtest` process; its --json summary. */
function rustybt(f: Files, extra: string[] = []): { elapsedMs: number; bars: number } {
  const r = spawnSync(process.execPath, [cliBinPath(), ...backtestArgs(f, extra)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, RUSTYBT_HOME: f.home, NO_COLOR: '1' },
  });
  if (r.status !== 0)
    throw new Error(
      `rustybt backtest exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n')[0]}. Build the CLI first (npm run build -w @rustybt/cli)`,
    );
  return JSON.parse(r.stdout) as { elapsedMs: number; bars: number };
}

function grademark(f: Files, out: string): void {
  const script = join(f.dir, 'grademark-sma.cjs');
  if (!existsSync(script)) writeFileSync(script, GRADEMARK_SMA_SCRIPT);
  const from = cliBinPath();
  try {
    createRequire(from).resolve('grademark');
  } catch {
    throw new Error('grademark is not installed. It is a devDependency of @rustybt/cli: run the benchmark from the repository after npm ci');
  }
  const r = spawnSync(process.execPath, [script, f.csv, String(FAST), String(SLOW), out, from], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`the grademark reference exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').pop()}`);
}

/** Both programs once, untimed: the same trades under grademark's conventions, or the comparison is void. */
function checkTradesAgree(f: Files): void {
  const ours = join(f.dir, 'rustybt.json');
  rustybt(f, ['--output', ours]);
  const doc = JSON.parse(readFileSync(ours, 'utf8')) as { fills: { time: string; side: 'buy' | 'sell' }[] };
  const expected = grademarkTradesFor(
    doc.fills.map((x) => ({ time: Date.parse(x.time), side: x.side })),
    f.bars,
    SLOW,
  );
  const theirs = join(f.dir, 'grademark.json');
  grademark(f, theirs);
  const diff = firstDifference(expected, JSON.parse(readFileSync(theirs, 'utf8')) as SimpleTrade[]);
  if (diff) throw new Error(`rustybt and grademark disagree on the trades of SMA(${FAST},${SLOW}): ${diff}`);
  if (expected.length === 0) throw new Error('the reference run made no trades; the comparison would prove nothing');
}

const cleanup = (f: Files) => rmSync(f.dir, { recursive: true, force: true });

/** The goal `>= 1e6 bars/s as the CLI reports it`: over 1,000,000 bars, at most 1 s of reported run time. */
function reportedSpeedCase(): BenchCase {
  return latencyCase<Files>({
    name: 'backtest-cli: rustybt backtest SMA(10,30), 1,000,000-row 1m CSV, run time as the CLI reports it (1 s = 1e6 bars/s)',
    unit: 'runs',
    setup: () => writeCsv(1_000_000, 'SIM'),
    teardown: cleanup,
    op: (f) => {
      const s = rustybt(f, ['--output', join(f.dir, 'out.json')]);
      if (s.bars !== 1_000_000) throw new Error(`the CLI processed ${s.bars} of 1,000,000 bars`);
      return Math.round(s.elapsedMs * 1e6);
    },
    samples: { full: 5, quick: 2 },
    warmup: { full: 1, quick: 0 },
    goals: ['median <= 1s'],
  });
}

/** The goal `>= 15x grademark whole-process`: ratio = rustybt's time / grademark's. */
function versusGrademarkCase(): BenchCase {
  return latencyCase<Files>({
    name: 'backtest-cli: whole process, SMA(10,30) over a 300,000-row 1m CSV vs grademark 0.3.0 (trade lists checked)',
    unit: 'runs',
    setup: () => {
      const f = writeCsv(300_000, 'SIM');
      checkTradesAgree(f);
      return f;
    },
    teardown: cleanup,
    op: (f) => void rustybt(f),
    reference: { name: 'grademark 0.3.0 + data-forge, whole process', op: (f) => grademark(f, join(f.dir, 'grademark.json')) },
    samples: { full: 3, quick: 1 },
    warmup: { full: 0, quick: 0 },
    goals: ['ratio <= 0.0667'],
  });
}

/**
 * Loaded into the CLI process with --import: on exit it writes the process's peak RSS (the kernel's
 * high-water mark, all threads) where the case reads it.
 */
const RSS_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.RUSTYBT_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));
`;

interface RssFiles extends Files {
  peaks: number[];
}

/** The `rustybt backtest ... --output` process itself; its peak RSS, as it reports it, is the case's. */
function peakRssCase(): BenchCase {
  return latencyCase<RssFiles>({
    name: 'backtest-cli: rustybt backtest over a 1,000,000-row 1m CSV with --output, the CLI process (peak RSS)',
    unit: 'runs',
    setup: () => ({ ...writeCsv(1_000_000, 'SIM'), peaks: [] }),
    teardown: cleanup,
    op: (f) => {
      const hook = join(f.dir, 'rss-hook.mjs');
      const out = join(f.dir, 'rss.txt');
      writeFileSync(hook, RSS_HOOK);
      const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, cliBinPath(), ...backtestArgs(f, ['--output', join(f.dir, 'out.json')])], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        env: { ...process.env, RUSTYBT_HOME: f.home, NO_COLOR: '1', RUSTYBT_BENCH_RSS_FILE: out },
      });
      if (r.status !== 0) throw new Error(`rustybt backtest exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n')[0]}`);
      f.peaks.push(Number(readFileSync(out, 'utf8')));
    },
    drivenPeakRss: (f) => (f.peaks.length > 0 ? Math.max(...f.peaks) : undefined),
    samples: { full: 2, quick: 1 },
    warmup: { full: 0, quick: 0 },
    goals: ['rss <= 300MB'],
  });
}

/** A 12-point sweep on two threads against one: the speed-up of --jobs 2 is 1 / ratio. */
function sweepCase(): BenchCase {
  const sweep = ['--sweep', 'fast=5,10,20', '--sweep', 'slow=30..90:20'];
  const run = (f: Files, jobs: string) => {
    const r = spawnSync(
      process.execPath,
      [cliBinPath(), '--json', 'backtest', '--strategy', smaExample(), '--data', `csv:${f.csv}`, ...sweep, '--jobs', jobs],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        env: { ...process.env, RUSTYBT_HOME: f.home },
      },
    );
    if (r.status !== 0) throw new Error(`rustybt backtest --sweep exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n')[0]}`);
  };
  return latencyCase<Files>({
    name: 'backtest-cli: sweep of 12 combinations over 300,000 1m bars, --jobs 2 (reference --jobs 1; speed-up = 1 / ratio)',
    unit: 'sweeps',
    // 300,000 bars: enough work per combination that the figure is of the threads, not of starting them.
    setup: () => writeCsv(300_000, 'SIM'),
    teardown: cleanup,
    op: (f) => run(f, '2'),
    reference: { name: '--jobs 1', op: (f) => run(f, '1') },
    samples: { full: 4, quick: 1 },
    warmup: { full: 1, quick: 0 },
    goals: ['ratio <= 0.7'],
  });
}

export const backtestCliCases = (): BenchCase[] => [reportedSpeedCase(), versusGrademarkCase(), peakRssCase(), sweepCase()];
