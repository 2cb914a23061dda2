import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { venueClientOrderId } from './client-order-id';

describe('venueClientOrderId', () => {
  it('keeps ids the venues accept as they are', () => {
    expect(venueClientOrderId('sma-BTC-42')).toBe('sma-BTC-42');
  });

  it('is always venue-safe, deterministic, and distinct for distinct ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const x = venueClientOrderId(a);
        expect(x).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
        expect(venueClientOrderId(a)).toBe(x);
        if (a !== b) expect(venueClientOrderId(b)).not.toBe(x);
      }),
    );
  });
});
