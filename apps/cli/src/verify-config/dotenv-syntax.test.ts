import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotenvProblems } from './dotenv-syntax';

describe('dotenvProblems', () => {
  it('accepts what dotenv accepts and names the line of what it does not', () => {
    expect(dotenvProblems('# c\n\nA=1\nexport B_2 = "two words"\nC=\'x\'\nD="multi\nline"\n')).toEqual([]);
    expect(dotenvProblems('A=1\nnot a line\n')).toEqual([{ line: 2, problem: 'not a NAME=value line' }]);
    expect(dotenvProblems('1A=x\n')).toEqual([{ line: 1, problem: 'the variable name is not NAME (letters, digits, _)' }]);
    expect(dotenvProblems('A="never closed\nB=2\n')).toEqual([{ line: 1, problem: 'the " quote is never closed' }]);
  });

  it('fuzz: any text gives a list of problems with real line numbers, never an exception, never a value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const lines = text.split(/\r?\n/).length;
        for (const p of dotenvProblems(text)) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
          expect(p.problem).toMatch(/^(not a NAME=value line|the variable name is not NAME \(letters, digits, _\)|the [`"'] quote is never closed)$/);
        }
      }),
      { numRuns: 1000, seed: 14 },
    );
  });
});
