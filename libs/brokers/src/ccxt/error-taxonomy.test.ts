import ccxt from 'ccxt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrokerClosed, DeadlineExceeded } from './deadline';
import { classifyError, isDuplicateOrder, outcomeUnknown, venueMessage } from './error-taxonomy';

describe('classifyError over ccxt error classes', () => {
  it.each([
    ['NetworkError', true],
    ['RequestTimeout', true],
    ['DDoSProtection', true],
    ['RateLimitExceeded', true],
    ['ExchangeNotAvailable', true],
    ['OnMaintenance', true],
    ['InvalidNonce', true],
    ['BadResponse', true],
    ['AuthenticationError', false],
    ['PermissionDenied', false],
    ['InsufficientFunds', false],
    ['InvalidOrder', false],
    ['BadSymbol', false],
    ['OrderNotFound', false],
    ['DuplicateOrderId', false],
    ['BadRequest', false],
  ] as const)('%s -> retryable %s, named by its own class', (name, retryable) => {
    const Ctor = (ccxt as unknown as Record<string, new (m: string) => Error>)[name] as new (m: string) => Error;
    const c = classifyError(new Ctor('binance {"code":-1,"msg":"venue says no"}'));
    expect(c).toEqual({ retryable, errorType: name, message: 'venue says no (code -1)', resyncClock: name === 'InvalidNonce' });
  });

  it('wraps what is not a ccxt error: a TypeError from a parser is a retryable BadResponse', () => {
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toMatchObject({ retryable: true, errorType: 'BadResponse' });
    expect(classifyError('boom')).toMatchObject({ retryable: false, errorType: 'UnexpectedError', message: 'boom' });
  });

  it('spots a duplicate client order id', () => {
    expect(isDuplicateOrder(classifyError(new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}')))).toBe(true);
    expect(isDuplicateOrder(classifyError(new ccxt.InvalidOrder('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}')))).toBe(false);
  });
});

describe('venueMessage (parses text from the venue)', () => {
  it('drops query strings (timestamps, signatures) from URLs', () => {
    expect(venueMessage('binance GET http://h/api/v3/account?timestamp=1&signature=abc 503 Service Unavailable')).toBe(
      'binance GET http://h/api/v3/account 503 Service Unavailable',
    );
  });

  it('never throws and keeps no query string, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.json(), (prefix, body) => {
        const out = venueMessage(`${prefix} ${body} https://x.test/p?signature=deadbeef`);
        expect(typeof out).toBe('string');
        expect(out).not.toContain('signature=deadbeef');
      }),
    );
  });
});

describe('outcomeUnknown: may a failed submit have placed the order?', () => {
  const ex = (name: string) => new (ccxt as unknown as Record<string, new (m: string) => Error>)[name]!('binance {"code":-1,"msg":"x"}');
  it.each([
    ['RequestTimeout', true],
    ['NetworkError', true],
    ['ExchangeNotAvailable', true],
    ['BadResponse', true],
    ['DDoSProtection', false],
    ['RateLimitExceeded', false],
    ['InvalidNonce', false],
    ['InsufficientFunds', false],
    ['InvalidOrder', false],
    ['AuthenticationError', false],
  ])('%s -> %s', (name, unknown) => {
    expect(outcomeUnknown(classifyError(ex(name)))).toBe(unknown);
  });

  it('our deadline is a RequestTimeout (unknown); a close is not a venue answer; an error ccxt does not know is unknown', () => {
    expect(classifyError(new DeadlineExceeded(300))).toMatchObject({ retryable: true, errorType: 'RequestTimeout' });
    expect(outcomeUnknown(classifyError(new DeadlineExceeded(300)))).toBe(true);
    expect(classifyError(new BrokerClosed())).toMatchObject({ retryable: false, errorType: 'BrokerClosed' });
    expect(outcomeUnknown(classifyError(new BrokerClosed()))).toBe(false);
    const socket = Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
    expect(outcomeUnknown(classifyError(socket))).toBe(true);
  });
});
