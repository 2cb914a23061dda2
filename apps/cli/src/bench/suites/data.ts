import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSuite, throughputCase } from '@rustybt/bench';
import { csvHeader, csvRow, GbmPath, readCsvBars } from '@rustybt/data-providers';
import type { Bar } from '@rustybt/engine';

interface CsvFile {
  dir: string;
  path: string;
  rows: number;
}

/** A Yahoo-layout CSV of seeded 1-minute sim bars (about 57 bytes a row), written in 10,000-row slabs. */
function makeCsv(rows: number): CsvFile {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-data-'));
  const path = join(dir, 'BENCH.csv');
  const fd = openSync(path, 'w');
  try {
    const sim = new GbmPath('BENCH', '1m', { seed: 1 });
    const start = Date.UTC(2024, 0, 1);
    writeSync(fd, `${csvHeader('yahoo')}\n`);
    for (let i = 0; i < rows;) {
      const slab: string[] = [];
      for (const end = Math.min(rows, i + 10_000); i < end; i++) slab.push(csvRow(sim.next(start + i * 60_000), 'yahoo'));
      writeSync(fd, `${slab.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return { dir, path, rows };
}

async function streamRead(file: CsvFile): Promise<number> {
  let n = 0;
  let last = -Infinity;
  for await (const bar of readCsvBars(file.path)) {
    if (bar.time <= last) throw new Error('CSV reader returned bars out of order. The reader is broken');
    last = bar.time;
    n++;
  }
  if (n !== file.rows) throw new Error(`CSV reader returned ${n} of ${file.rows} rows. The reader is broken`);
  return n;
}

/** The obvious implementation: read it all, split lines and fields, parseFloat each number. */
async function naiveRead(file: CsvFile): Promise<number> {
  const text = await readFile(file.path, 'utf8');
  const lines = text.split('\n');
  let n = 0;
  let bar: Bar | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const f = line.split(',');
    const stamp = f[0]!;
    bar = {
      symbol: 'BENCH',
      time: Date.parse(stamp.length === 10 ? `${stamp}T00:00:00Z` : `${stamp.replace(' ', 'T')}Z`),
      open: parseFloat(f[1]!),
      high: parseFloat(f[2]!),
      low: parseFloat(f[3]!),
      close: parseFloat(f[4]!),
      volume: parseFloat(f[6]!),
    };
    n++;
  }
  if (n !== file.rows || !bar || Number.isNaN(bar.time)) throw new Error(`naive reader read ${n} of ${file.rows} rows`);
  return n;
}

const cleanup = (file: CsvFile) => rmSync(file.dir, { recursive: true, force: true });

/** The reader alone in its own child: its peak RSS at two file sizes shows memory does not grow with the file. */
function peakRssCase(rows: number, label: string) {
  return throughputCase<CsvFile>({
    name: `peak RSS, ${label} rows`,
    unit: 'rows',
    setup: () => makeCsv(rows),
    run: streamRead,
    teardown: cleanup,
    iterations: { full: 3, quick: 1 },
    warmup: { full: 0, quick: 0 },
    goals: ['rss <= 150MB'],
    isolate: true,
  });
}

// Speed against the naive reader in the same child; memory in separate children for 1,000,000
// and 100,000 rows, so the peak RSS is the reader's own and shows it does not grow with the file.
export default defineSuite({
  name: 'data',
  description: 'CSV bar reader over 1,000,000 rows (rows/s, peak RSS) vs readFile + split + parseFloat',
  cases: [
    throughputCase<CsvFile>({
      name: 'read a 1,000,000-row CSV',
      unit: 'rows',
      setup: () => makeCsv(1_000_000),
      run: streamRead,
      reference: { name: 'readFile + split + parseFloat', run: naiveRead },
      teardown: cleanup,
      iterations: { full: 5, quick: 2 },
      warmup: { full: 1, quick: 1 },
      goals: ['>= 1e6 rows/s'],
      isolate: true,
    }),
    peakRssCase(1_000_000, '1,000,000'),
    peakRssCase(100_000, '100,000'),
  ],
});
