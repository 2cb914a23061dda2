import { DataInputError } from '../errors';

/** Where each field of a row is. -1 = absent. */
export interface CsvLayout {
  delimiter: number;
  hasHeader: boolean;
  fieldCount: number;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

const ALIASES: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume', readonly string[]> = {
  time: ['time', 'date', 'datetime', 'timestamp', 'ts', 'opentime', 'unix', 'epoch'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  adjClose: ['adjclose', 'adjustedclose'],
  volume: ['volume', 'vol', 'v'],
};

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** Picks the delimiter that splits the first line into the most fields. */
export function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const count = firstLine.split(d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function normalise(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Reads the layout from the first line. A header names its columns (Yahoo/yfinance exports, lower-case
 * time,open,...); a first line that is already data is taken as time,open,high,low,close[,volume].
 */
export function detectLayout(file: string, firstLine: string, delimiterOption: string | undefined, isData: (fields: string[]) => boolean): CsvLayout {
  const delimiter = delimiterOption ?? detectDelimiter(firstLine);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new DataInputError(`bad CSV delimiter ${JSON.stringify(delimiter)}. Use one character such as ',' ';' or '\\t'`);
  }
  const fields = firstLine.split(delimiter);
  const base = { delimiter: delimiter.charCodeAt(0), fieldCount: fields.length };
  if (isData(fields)) {
    if (fields.length < 5)
      throw new DataInputError(
        `${file}:1: a file without a header needs at least the columns time,open,high,low,close[,volume]. Add a header line naming the columns`,
      );
    return { ...base, hasHeader: false, time: 0, open: 1, high: 2, low: 3, close: 4, adjClose: -1, volume: fields.length > 5 ? 5 : -1 };
  }
  const names = fields.map(normalise);
  const find = (key: keyof typeof ALIASES) => names.findIndex((n) => ALIASES[key].includes(n));
  const layout: CsvLayout = {
    ...base,
    hasHeader: true,
    time: find('time'),
    open: find('open'),
    high: find('high'),
    low: find('low'),
    close: find('close'),
    adjClose: find('adjClose'),
    volume: find('volume'),
  };
  const missing = (['time', 'open', 'high', 'low', 'close'] as const).filter((k) => layout[k] < 0);
  if (missing.length > 0) {
    throw new DataInputError(
      `${file}:1: header ${JSON.stringify(firstLine.slice(0, 120))} has no ${missing.join(', ')} column. Name the columns time (or Date),open,high,low,close[,volume]`,
    );
  }
  return layout;
}
