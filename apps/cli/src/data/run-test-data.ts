import { basename } from 'node:path';
import type { Command } from 'commander';
import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { autoCalendar, calendarByName, openSource, validateBars, type OpenSourceOptions } from '@rustybt/data-providers';
import { writeFileAtomic } from '@rustybt/ops';
import type { TestDataOptions } from './test-data-options';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { reportRange } from './date-args';
import { renderTestData, type TestDataReport } from './render-test-data';

const SAMPLE_ROWS = 3;

function sourceOptions(opts: TestDataOptions, yahooUrl: string | undefined, dataDir: string, notices: string[]): OpenSourceOptions {
  const csv: NonNullable<OpenSourceOptions['csv']> = {};
  if (opts.delimiter !== undefined) csv.delimiter = opts.delimiter === '\\t' ? '\t' : opts.delimiter;
  if (opts.timezone !== undefined) csv.timezone = opts.timezone;
  return {
    csv,
    strictOrder: false,
    cacheDir: dataDir,
    cache: opts.cache,
    onNotice: (n) => notices.push(n),
    ...(opts.close ? { close: opts.close } : {}),
    ...(yahooUrl ? { yahooUrl } : {}),
    ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
    ...(opts.seed !== undefined ? { sim: { seed: opts.seed } } : {}),
  };
}

/** rustybt test-data: fetch, check, report; exit 1 when a check fails. */
export async function runTestData(opts: TestDataOptions, cmd: Command): Promise<void> {
  const globals = globalsOf(cmd);
  const loaded = loadEffectiveConfig(cmd);
  const interval = opts.interval as Interval;
  const notices: string[] = [];
  const source = openSource(opts.source, sourceOptions(opts, loaded.config.yahooUrl, loaded.layout.data, notices));
  const file = (source.spec.kind === 'replay' ? source.spec.inner : source.spec).kind === 'csv';
  const { from, to } = reportRange(opts.start, opts.end, interval, Date.now(), file);
  // A single CSV file names its own instrument unless --symbol says otherwise.
  const symbol =
    source.spec.kind === 'csv' && cmd.getOptionValueSource('symbol') === 'default' ? basename(source.spec.path).replace(/\.[^.]*$/, '') : opts.symbol;

  const started = performance.now();
  const bars: Bar[] = [];
  const query = { interval, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  for await (const batch of source.batches(symbol, query)) for (const bar of batch) bars.push(bar);
  const fetchMs = performance.now() - started;

  const calendar = opts.calendar === 'auto' ? autoCalendar(source.spec, symbol, bars) : calendarByName(opts.calendar);
  const checkStarted = performance.now();
  const quality = validateBars(bars, {
    interval,
    sigma: opts.sigma,
    zeroVolumeRun: opts.zeroVolumeRun,
    sample: opts.sample,
    ...(calendar ? { calendar } : {}),
  });
  const checkMs = performance.now() - checkStarted;

  const report: TestDataReport = {
    source: source.name,
    symbol,
    interval,
    // A whole file spans its first bar to the end of its last one.
    start: from !== undefined ? new Date(from).toISOString() : bars.length > 0 ? new Date(bars[0]!.time).toISOString() : 'start of file',
    end: to !== undefined ? new Date(to).toISOString() : bars.length > 0 ? new Date(bars.at(-1)!.time + INTERVAL_MS[interval]).toISOString() : 'end of file',
    calendar: calendar?.name ?? 'none',
    bars: bars.length,
    timings: { fetchMs: Math.round(fetchMs * 10) / 10, checkMs: Math.round(checkMs * 10) / 10 },
    notices,
    sample: { first: bars.slice(0, SAMPLE_ROWS), last: bars.length > SAMPLE_ROWS ? bars.slice(-SAMPLE_ROWS) : [] },
    pass: quality.pass && bars.length > 0,
    checks: quality.checks,
  };
  if (opts.output) writeFileAtomic(opts.output, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(globals.json ? `${JSON.stringify(report, null, 2)}\n` : renderTestData(report));
  if (!report.pass) process.exitCode = 1;
}
