import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { CcxtModule } from './ccxt-types';
import { createExchange, type ExchangeSetup } from './create-exchange';
import { venueProfile } from './venue-profiles';

const setup = (exchangeId: string, over: Partial<ExchangeSetup> = {}): ExchangeSetup => ({
  exchangeId,
  testnet: false,
  timeoutMs: 1000,
  enableRateLimit: false,
  profile: venueProfile(exchangeId),
  ...over,
});
const hosts = (urls: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(new URL(v.replace(/\{hostname\}/g, 'h.example')).host);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(urls);
  return [...new Set(out)];
};
const mod = ccxt as unknown as CcxtModule;

describe('createExchange', () => {
  it.each(['binance', 'bybit'])('%s --testnet uses the venue sandbox hosts', (id) => {
    const ex = createExchange(mod, setup(id, { testnet: true }));
    expect(hosts(ex.urls['api']).every((h) => /testnet|demo/.test(h))).toBe(true);
  });

  it.each(['binance', 'bybit', 'kraken'])('%s --api-url points every endpoint at the given host, paths kept', (id) => {
    const live = createExchange(mod, setup(id));
    const ex = createExchange(mod, setup(id, { apiUrl: 'http://127.0.0.1:8900/' }));
    expect(hosts(ex.urls['api'])).toEqual(['127.0.0.1:8900']);
    const paths = (e: typeof ex) =>
      JSON.stringify(e.urls['api'])
        .match(/"https?:\/\/[^/"]+([^"]*)"/g)
        ?.map((s) => s.replace(/"https?:\/\/[^/"]+/, '')) ?? [];
    expect(paths(ex)).toEqual(paths(live));
  });

  it('refuses an exchange id ccxt does not know, as an input error', () => {
    expect(() => createExchange(mod, setup('nosuchvenue'))).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringContaining('unknown exchange "nosuchvenue"') }),
    );
  });

  it('turns a 2xx non-JSON body into a BadResponse, and lets JSON through', () => {
    const ex = createExchange(mod, setup('binance'));
    expect(ex.onRestResponse(200, 'OK', 'https://api.binance.com/api/v3/time?x=1', 'GET', { 'Content-Type': 'text/html' }, '{"serverTime":1}', {}, '')).toBe(
      '{"serverTime":1}',
    );
    expect(() =>
      ex.onRestResponse(200, 'OK', 'https://api.binance.com/api/v3/time?x=1', 'GET', { 'Content-Type': 'text/html' }, '<html>oops</html>', {}, ''),
    ).toThrow(ccxt.BadResponse);
  });
});
