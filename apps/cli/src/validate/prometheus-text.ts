// A strict reader of the Prometheus text exposition format 0.0.4 (what prom-client writes), so the
// monitoring validator can say "/metrics parses" rather than "/metrics answered". prom-client
// has no parser of its own.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedMetrics {
  samples: Sample[];
  /** Metric family name -> TYPE (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
}

export class MetricsParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'MetricsParseError';
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Parses a whole exposition; the first bad line throws a MetricsParseError naming it. */
export function parsePrometheusText(text: string): ParsedMetrics {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    if (line.startsWith('#')) return comment(line, n, types);
    samples.push(sampleLine(line, n));
  });
  return { samples, types };
}

function comment(line: string, n: number, types: Map<string, string>): void {
  const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
  if (!m) return; // a plain comment
  const [, kind, name, rest] = m;
  if (!NAME.test(name!)) throw new MetricsParseError(n, `bad metric name '${name}' in # ${kind}`);
  if (kind === 'TYPE') {
    if (!TYPES.has(rest ?? '')) throw new MetricsParseError(n, `unknown TYPE '${rest ?? ''}' for ${name}`);
    if (types.has(name!)) throw new MetricsParseError(n, `second TYPE line for ${name}`);
    types.set(name!, rest!);
  }
}

function sampleLine(line: string, n: number): Sample {
  const nameEnd = line.search(/[{\s]/);
  if (nameEnd <= 0) throw new MetricsParseError(n, 'expected <name>[{labels}] <value>');
  const name = line.slice(0, nameEnd);
  if (!NAME.test(name)) throw new MetricsParseError(n, `bad metric name '${name}'`);
  let rest = line.slice(nameEnd);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const read = readLabels(rest, n);
    labels = read.labels;
    rest = rest.slice(read.length);
  }
  const parts = rest.trim().split(/\s+/);
  if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2 || parts[0] === '') throw new MetricsParseError(n, `expected a value after ${name}`);
  const value = parseValue(parts[0]!, n);
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new MetricsParseError(n, `bad timestamp '${parts[1]}'`);
  return { name, labels, value };
}

function readLabels(text: string, n: number): { labels: Record<string, string>; length: number } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    if (text[i] === '}') return { labels, length: i + 1 };
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new MetricsParseError(n, 'unterminated label set');
    const key = text.slice(i, eq);
    if (!LABEL.test(key)) throw new MetricsParseError(n, `bad label name '${key}'`);
    if (text[eq + 1] !== '"') throw new MetricsParseError(n, `label ${key} must be quoted`);
    let j = eq + 2;
    let value = '';
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new MetricsParseError(n, `bad escape in label ${key}`);
      } else value += text[j];
    }
    if (j >= text.length) throw new MetricsParseError(n, `unterminated value of label ${key}`);
    if (key in labels) throw new MetricsParseError(n, `label ${key} given twice`);
    labels[key] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new MetricsParseError(n, `expected , or } after label ${key}`);
  }
}

// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
// writes NaN as 'Nan' (an empty event-loop histogram, early in a run), so a strict parser fails at random.
const SPECIAL = new Map([
  ['nan', Number.NaN],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
]);

function parseValue(text: string, n: number): number {
  const special = SPECIAL.get(text.toLowerCase());
  if (special !== undefined) return special;
  // `\d+(\.\d*)?`, not `\d+\.?\d*`, which backtracks quadratically over a long run of digits that
  // is not a number: the text comes from whatever answers at the scraped URL.
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new MetricsParseError(n, `bad value '${text.length > 60 ? `${text.slice(0, 60)}...` : text}'`);
  return Number(text);
}
