import type { Bar } from '@rustybt/engine';

/** The layouts the reader recognises without configuration; the writer produces each of them. */
export const CSV_LAYOUTS = ['yahoo', 'yfinance', 'iso', 'naive', 'epoch-s', 'epoch-ms'] as const;
export type CsvLayoutName = (typeof CSV_LAYOUTS)[number];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoParts(time: number): { date: string; clock: string } {
  const d = new Date(time);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const ms = d.getUTCMilliseconds();
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
  return { date, clock };
}

/** The header line of a layout (no newline). */
export function csvHeader(layout: CsvLayoutName, delimiter = ','): string {
  const names =
    layout === 'yahoo'
      ? ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume']
      : layout === 'yfinance'
        ? ['Datetime', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume', 'Dividends', 'Stock Splits']
        : ['time', 'open', 'high', 'low', 'close', 'volume'];
  return names.join(delimiter);
}

/** One bar as a line of a layout (no newline). Times are written in UTC. */
export function csvRow(bar: Bar, layout: CsvLayoutName, delimiter = ','): string {
  const { date, clock } = isoParts(bar.time);
  const prices = [bar.open, bar.high, bar.low, bar.close].map(String);
  switch (layout) {
    case 'yahoo':
      return [clock === '00:00:00' ? date : `${date} ${clock}`, ...prices, String(bar.close), String(bar.volume)].join(delimiter);
    case 'yfinance':
      return [`${date} ${clock}+00:00`, ...prices, String(bar.close), String(bar.volume), '0.0', '0.0'].join(delimiter);
    case 'iso':
      return [`${date}T${clock}Z`, ...prices, String(bar.volume)].join(delimiter);
    case 'naive':
      return [`${date} ${clock}`, ...prices, String(bar.volume)].join(delimiter);
    case 'epoch-s':
      return [String(bar.time / 1000), ...prices, String(bar.volume)].join(delimiter);
    case 'epoch-ms':
      return [String(bar.time), ...prices, String(bar.volume)].join(delimiter);
  }
}

/** A whole file's text in a layout. */
export function formatCsv(bars: Iterable<Bar>, layout: CsvLayoutName, delimiter = ','): string {
  const lines = [csvHeader(layout, delimiter)];
  for (const bar of bars) lines.push(csvRow(bar, layout, delimiter));
  return `${lines.join('\n')}\n`;
}
