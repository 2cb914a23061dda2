import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringLiterals, WILDCARD } from './source-literals';

const W = WILDCARD;

describe('stringLiterals', () => {
  it('returns single, double and template literals with escapes decoded', () => {
    const src = String.raw`const a = 'it\'s'; const b = "say \"hi\"\n"; const c = ` + '`tick \\` \\${not}`;';
    expect(stringLiterals(src)).toEqual(["it's", 'say "hi"\n', 'tick ` ${not}']);
  });

  it('turns each ${...} of a template into a wildcard and also returns the literals inside it', () => {
    const src = "throw new CliError(`bad source '${spec}': ${kinds.map((k) => `<${k}>`).join(', ')}. Use sim`);";
    expect(stringLiterals(src)).toEqual([`<${W}>`, ', ', `bad source '${W}': ${W}. Use sim`]);
  });

  it('skips comments and regular expressions, so their quotes start nothing', () => {
    const src = [
      "// don't read this",
      "/* nor 'this' */",
      "const re = /it's [\"'`]/g;",
      "const ok = x.replace(/'/g, '') + 'real';",
      'const ratio = a / b / 2; const s = "after division";',
      "if (x) return /'/.test(y) ? 'yes' : 'no';",
    ].join('\n');
    expect(stringLiterals(src)).toEqual(['', 'real', 'after division', 'yes', 'no']);
  });

  it('keeps the braces of objects inside a template expression apart from its end', () => {
    const src = 'const t = `a ${JSON.stringify({ k: { v: "}" } })} b`; const after = \'next\';';
    expect(stringLiterals(src)).toEqual(['}', `a ${W} b`, 'next']);
  });

  it('never throws and never loses a literal written between plain statements', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        expect(Array.isArray(stringLiterals(junk))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '.', ':', '-', 'Z'), maxLength: 20 }), { maxLength: 5 }), (texts) => {
        const src = texts.map((t, i) => `const v${i} = '${t}';\n`).join('');
        expect(stringLiterals(src)).toEqual(texts);
      }),
    );
  });
});
