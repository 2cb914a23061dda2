import { BrokerClosed, DeadlineExceeded } from './deadline';

/**
 * How CcxtBroker treats what ccxt throws. Retryable: the request may succeed if sent again
 * (network trouble, throttling, the venue down, our clock off). Final: sending it again cannot
 * help (credentials, permissions, funds, the order itself, the symbol).
 */
export interface ClassifiedError {
  retryable: boolean;
  /** The most specific ccxt class name, or BadResponse / UnexpectedError for what we wrapped. */
  errorType: string;
  /** The venue's own words when it gave any, else the error's message. */
  message: string;
  /** InvalidNonce: measure the clock offset again before the retry. */
  resyncClock: boolean;
}

const RETRYABLE = [
  'InvalidNonce',
  'RequestTimeout',
  'RateLimitExceeded',
  'DDoSProtection',
  'OnMaintenance',
  'ExchangeNotAvailable',
  'BadResponse',
  'NetworkError',
  'OperationFailed',
];
const FINAL = [
  'AuthenticationError',
  'PermissionDenied',
  'AccountSuspended',
  'InsufficientFunds',
  'DuplicateOrderId',
  'OrderNotFound',
  'BadSymbol',
  'InvalidOrder',
  'BadRequest',
  'OperationRejected',
  'ArgumentsRequired',
  'NotSupported',
  'ExchangeError',
];

function classChain(err: unknown): string[] {
  const names: string[] = [];
  let proto = err !== null && typeof err === 'object' ? Object.getPrototypeOf(err) : null;
  while (proto && proto !== Object.prototype) {
    const name = (proto.constructor as { name?: string } | undefined)?.name;
    if (name) names.push(name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/** `binance {"code":-2010,"msg":"..."}` -> `...`; ccxt prefixes the exchange id and often embeds the body. */
export function venueMessage(message: string): string {
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start, message.lastIndexOf('}') + 1)) as Record<string, unknown>;
      const text = body['msg'] ?? body['retMsg'] ?? body['message'] ?? body['error'];
      const code = body['code'] ?? body['retCode'];
      if (typeof text === 'string' && text.length > 0) return code !== undefined ? `${text} (code ${String(code)})` : text;
    } catch {
      // not JSON after all: fall through to the raw message
    }
  }
  // ccxt network errors carry the full request URL; its query string (timestamp, signature) is noise.
  return message
    .replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof DeadlineExceeded) return { retryable: true, errorType: 'RequestTimeout', message: err.message, resyncClock: false };
  if (err instanceof BrokerClosed) return { retryable: false, errorType: 'BrokerClosed', message: err.message, resyncClock: false };
  const chain = classChain(err);
  const raw = err instanceof Error ? err.message : String(err);
  const retryType = chain.find((n) => RETRYABLE.includes(n));
  const finalType = chain.find((n) => FINAL.includes(n));
  // The most specific known class decides: RateLimitExceeded extends DDoSProtection extends NetworkError.
  const firstKnown = chain.find((n) => RETRYABLE.includes(n) || FINAL.includes(n));
  if (firstKnown && firstKnown === retryType) {
    return { retryable: true, errorType: firstKnown, message: venueMessage(raw), resyncClock: firstKnown === 'InvalidNonce' };
  }
  if (firstKnown && firstKnown === finalType) {
    return { retryable: false, errorType: firstKnown, message: venueMessage(raw), resyncClock: false };
  }
  // A TypeError or similar from deep inside ccxt means the venue answered something unexpected.
  if (err instanceof TypeError || err instanceof SyntaxError) {
    return { retryable: true, errorType: 'BadResponse', message: `unexpected answer from the venue (${raw})`, resyncClock: false };
  }
  return { retryable: false, errorType: chain[0] && chain[0] !== 'Error' ? chain[0] : 'UnexpectedError', message: venueMessage(raw), resyncClock: false };
}

/** A duplicate client order id means the order already exists at the venue: adopt it instead of failing. */
export const isDuplicateOrder = (c: ClassifiedError): boolean => c.errorType === 'DuplicateOrderId' || /duplicate/i.test(c.message);

/** Retryable errors after which the venue may hold the order all the same: the request may have gone out. */
const UNKNOWN_IF_RETRYABLE = ['RequestTimeout', 'NetworkError', 'ExchangeNotAvailable', 'OnMaintenance', 'BadResponse', 'OperationFailed'];

/**
 * Whether a failed submit may still have placed the order. A timeout, a dropped connection, a 5xx or
 * an unreadable answer say nothing about what the venue did; neither does an error ccxt does not
 * know. Throttling and clock refusals (the venue refused before executing) and final venue errors
 * do say: not placed.
 */
export function outcomeUnknown(c: ClassifiedError): boolean {
  if (c.retryable) return UNKNOWN_IF_RETRYABLE.includes(c.errorType);
  return c.errorType !== 'BrokerClosed' && !FINAL.includes(c.errorType);
}
