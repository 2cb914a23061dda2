import { describe, expect, it } from 'vitest';
import { checkSameSession, metaFromRecord, metaToRecord } from './session-meta';

const meta = { strategy: '/s.ts', broker: 'paper', data: 'sim', symbol: 'SIM', interval: '1m', params: { fast: 5, slow: 20 }, capital: '10000', createdAt: 1, feedAnchor: 60_000 };

describe('session identity', () => {
  it('round-trips through the meta table', () => {
    expect(metaFromRecord(metaToRecord(meta))).toEqual(meta);
    const warmed = { ...meta, liveFrom: 60_000 * 31, replayTo: 60_000 * 1000 };
    expect(metaFromRecord(metaToRecord(warmed))).toEqual(warmed);
    expect(metaFromRecord({})).toBeUndefined();
  });

  it('accepts the same flags in any parameter order and names every difference', () => {
    expect(() => checkSameSession('s', meta, { ...meta, params: { slow: 20, fast: 5 } })).not.toThrow();
    expect(() => checkSameSession('s', meta, { ...meta, symbol: 'BTC', params: { fast: 6, slow: 20 } })).toThrow(
      /^session 's' was started differently \(--symbol was SIM, now BTC; --param was \{"fast":5,"slow":20\}, now \{"fast":6,"slow":20\}\)\. Resume it with the same flags, or pick a new --session$/,
    );
  });
});
