import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { generateKey, keyFromEnv, parseKey } from './key';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('encryption keys', () => {
  it('are 256 random bits behind a version prefix, and parse back', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a).toMatch(/^rbk1_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(parseKey(a)).toHaveLength(32);
    expect(parseKey(`  ${a}\n`).equals(parseKey(a))).toBe(true);
  });

  it('refuse a truncated, padded, foreign or non-canonical key in one line that never repeats it', () => {
    const key = generateKey();
    const cases: [string, RegExp][] = [
      [key.slice(0, -5), /^RUSTYBT_ENCRYPTION_KEY is truncated \(43 of 48 characters\)\. Copy the whole line/],
      [`${key}AA`, /too long/],
      [key.replace('rbk1_', 'rbk2_'), /must start with rbk1_/],
      [`rbk1_${'!'.repeat(43)}`, /characters a rustybt key never has/],
      // The last character of 43 carries two bits beyond the 256: set one of them.
      [`${key.slice(0, -1)}${B64URL[B64URL.indexOf(key.at(-1)!) | 1]}`, /last character is off/],
    ];
    for (const [text, message] of cases) {
      let err: unknown;
      try {
        parseKey(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain(text.slice(5, 20));
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('come from RUSTYBT_ENCRYPTION_KEY, undefined when unset or blank', () => {
    expect(keyFromEnv({})).toBeUndefined();
    expect(keyFromEnv({ RUSTYBT_ENCRYPTION_KEY: ' ' })).toBeUndefined();
    expect(keyFromEnv({ RUSTYBT_ENCRYPTION_KEY: generateKey() })).toHaveLength(32);
    expect(() => keyFromEnv({ RUSTYBT_ENCRYPTION_KEY: 'rbk1_abc' })).toThrow(/truncated/);
  });
});
