import { describe, expect, it } from 'vitest';
import { builtOnly, packageIsBuilt, type SuiteEntry } from './suites/index';

const entry = (name: string, requires: string[]): SuiteEntry => ({
  name,
  description: name,
  requires,
  load: () => Promise.reject(new Error('not loaded in this test')),
});

describe('suite registry', () => {
  it('omits a suite whose package is not built or not there', () => {
    expect(packageIsBuilt('@rustybt/no-such-package')).toBe(false);
    const names = builtOnly([entry('a', []), entry('b', ['@rustybt/no-such-package']), entry('c', ['zod'])]).map((e) => e.name);
    expect(names).toEqual(['a', 'c']);
    expect(builtOnly([entry('d', ['x'])], (pkg) => pkg !== 'x')).toEqual([]);
  });
});
