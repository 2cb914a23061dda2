import { DataInputError } from './errors';

export type SourceSpec =
  | { kind: 'csv'; path: string }
  | { kind: 'sim' }
  | { kind: 'yahoo' }
  | { kind: 'ccxt'; exchange: string }
  | { kind: 'replay'; inner: Exclude<SourceSpec, { kind: 'replay' }> };

export const SOURCE_SPEC_HELP = 'csv:<file-or-dir>, sim, yahoo, ccxt:<exchange> or replay:<one of those>';

/** Parses `csv:<path>`, `sim`, `yahoo` (also `yfinance`, the upstream library's name), `ccxt:<exchange>`, `replay:<spec>`. */
export function parseSourceSpec(spec: string): SourceSpec {
  const text = spec.trim();
  const bad = (why: string) => new DataInputError(`bad source '${spec}': ${why}. Use ${SOURCE_SPEC_HELP}`);
  const colon = text.indexOf(':');
  const head = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  switch (head) {
    case 'csv':
      if (rest.trim() === '') throw bad('csv needs a path');
      return { kind: 'csv', path: rest };
    case 'sim':
    case 'yahoo':
    case 'yfinance':
      if (colon >= 0) throw bad(`${head} takes no argument`);
      return { kind: head === 'sim' ? 'sim' : 'yahoo' };
    case 'ccxt':
      if (!/^[a-z][a-z0-9]*$/.test(rest)) throw bad('ccxt needs an exchange id such as ccxt:binance');
      return { kind: 'ccxt', exchange: rest };
    case 'replay': {
      const inner = parseSourceSpec(rest);
      if (inner.kind === 'replay') throw bad('replay of a replay');
      return { kind: 'replay', inner };
    }
    default:
      throw bad(head === '' ? 'empty' : `unknown kind '${head}'`);
  }
}
