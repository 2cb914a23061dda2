import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { venueTarget } from './venue-flags';

describe('venueTarget', () => {
  it('accepts an exchange id, an http(s) base URL and a timeout', () => {
    expect(venueTarget({ broker: ' Binance ', apiUrl: 'http://127.0.0.1:8900', timeout: '500', testnet: true })).toEqual({
      exchangeId: 'binance',
      testnet: true,
      apiUrl: 'http://127.0.0.1:8900',
      timeoutMs: 500,
    });
  });

  it('turns any flag values into a target or a usage error (exit 2), never anything else', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.oneof(fc.webUrl(), fc.string())), fc.oneof(fc.string(), fc.nat().map(String)), (broker, apiUrl, timeout) => {
        try {
          const t = venueTarget({ broker, timeout, ...(apiUrl !== null ? { apiUrl } : {}) });
          expect(t.exchangeId).toMatch(/^[a-z0-9]+$/);
          expect(t.timeoutMs).toBeGreaterThan(0);
          if (t.apiUrl) expect(t.apiUrl).toMatch(/^https?:/i);
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
          expect((e as CliError).exitCode).toBe(2);
          expect((e as CliError).message).toMatch(/^bad --(broker|timeout|api-url) '.*'\. /s);
        }
      }),
    );
  });
});
