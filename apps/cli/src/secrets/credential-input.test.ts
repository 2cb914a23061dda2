import { describe, expect, it } from 'vitest';
import { linesOf } from './credential-input';
import { maskKey } from './mask';

describe('credential input', () => {
  it('takes lines as piped, trailing blank lines and CRLF ignored', () => {
    expect(linesOf('k\r\ns\n\n\n')).toEqual(['k', 's']);
    expect(linesOf('k\ns\np')).toEqual(['k', 's', 'p']);
    expect(linesOf('')).toEqual([]);
  });

  it('masks a key to its first and last 4 characters, a short one entirely', () => {
    expect(maskKey('abcdefghijklmnop')).toBe('abcd…mnop');
    expect(maskKey('short-key')).toBe('**** (9 characters)');
  });
});
