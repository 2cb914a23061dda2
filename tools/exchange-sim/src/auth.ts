import { createHmac, timingSafeEqual } from 'node:crypto';

export const hmacHex = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload).digest('hex');

export function signatureMatches(secret: string, payload: string, given: string): boolean {
  const expected = Buffer.from(hmacHex(secret, payload), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Both venues accept a request stamped at most `recvWindow` ms in the past and at most 1 s ahead. */
export function withinWindow(serverNow: number, timestamp: number, recvWindow: number): boolean {
  return Number.isFinite(timestamp) && timestamp < serverNow + 1000 && serverNow - timestamp <= recvWindow;
}
