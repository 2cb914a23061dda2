import { describe, expect, it } from 'vitest';
import { resolvePaperConfig } from '@rustybt/brokers';
import { checkSameSession, metaFromRecord, metaToRecord } from './session-meta';

const paperBroker = resolvePaperConfig(undefined, {});
const meta = {
  strategy: '/s.ts',
  broker: 'paper',
  data: 'sim',
  symbol: 'SIM',
  interval: '1m',
  params: { fast: 5, slow: 20 },
  paperBroker,
  capital: '10000',
  createdAt: 1,
  feedAnchor: 60_000,
};

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

  it('keeps the paper broker with the session and refuses a resume with another model', () => {
    const costly = { ...meta, paperBroker: resolvePaperConfig(undefined, { slippage: 'fixed-bps:10', commission: 'percent:0.001' }) };
    expect(metaFromRecord(metaToRecord(costly))).toEqual(costly);
    expect(() => checkSameSession('s', costly, { ...costly })).not.toThrow();
    expect(() => checkSameSession('s', costly, meta)).toThrow(
      /the paper broker was fill at next-open, slippage fixed-bps:10, commission percent:0\.001, .*now fill at next-open, slippage none, commission none, .*Resume it with the same flags/,
    );
    // A session recorded before the models were kept ran on the defaults; a venue session has none.
    const { paper_broker: _dropped, ...old } = metaToRecord(meta);
    expect(metaFromRecord(old)).toEqual(meta);
    const { paperBroker: _none, ...venue } = { ...meta, broker: 'binance' };
    expect(metaFromRecord(metaToRecord(venue))).toEqual(venue);
  });
});
