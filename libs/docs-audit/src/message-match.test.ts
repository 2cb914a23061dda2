import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedLength, fixedRuns, localMatch, mayOccur } from './message-match';
import { WILDCARD } from './source-literals';

const W = WILDCARD;

describe('localMatch', () => {
  it('finds a literal whole anywhere in a message and says which characters it covers', () => {
    expect(localMatch('error here: no such file', ': no such file')).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(localMatch('abc', 'abd')).toBeUndefined();
    expect(localMatch('abc', 'abcd')).toBeUndefined(); // all of the literal must be there
  });

  it("lets the literal's holes take doc text and the doc's placeholders take literal text", () => {
    expect(localMatch('bad x here', `bad ${W} here`)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(localMatch(`bad ${W} here`, "bad source 'q' here")).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(localMatch(`${W}`, 'anything at all')).toEqual([]);
  });

  it('a text contains itself fully, and still does when part of it becomes a wildcard on either side', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.'), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.boolean(), (t, a, b, docSide) => {
        expect(localMatch(t, t)).toHaveLength(t.length);
        const from = Math.min(a, b) % (t.length + 1);
        const to = Math.max(from, Math.max(a, b) % (t.length + 1));
        const cut = `${t.slice(0, from)}${W}${t.slice(to)}`;
        const covered = docSide ? localMatch(cut, t) : localMatch(t, cut);
        expect(covered?.length).toBe(t.length - (to - from));
      }),
    );
  });

  it('never throws, and covered positions are distinct fixed characters of the doc', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', W), maxLength: 8 });
    fc.assert(
      fc.property(pattern, pattern, (doc, src) => {
        const covered = localMatch(doc, src) ?? [];
        expect(new Set(covered).size).toBe(covered.length);
        for (const i of covered) expect(doc[i]).not.toBe(W);
        expect(covered.length).toBeLessThanOrEqual(Math.min(fixedLength(doc), fixedLength(src)));
      }),
    );
  });
});

describe('mayOccur', () => {
  it('without placeholders every fixed run must be in the doc; with them the longest', () => {
    const runs = fixedRuns(`no session '${W}' in ${W}. Sessions: ${W}`);
    expect(runs[0]).toHaveLength(12);
    expect(mayOccur("no session 'demo' in /h/state. Sessions: m", runs)).toBe(true);
    expect(mayOccur("no session 'demo' in /h/state. Start one", runs)).toBe(false);
    // A quoted value took the quote of "no session '": some 4 characters of it are enough.
    expect(mayOccur(`no session ${W} in ${W}. Sessions: ${W}`, runs)).toBe(true);
    expect(mayOccur(`nothing ${W} alike`, runs)).toBe(false);
  });

  it('never rules out a literal that localMatch finds in a doc without placeholders', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 10 });
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 3 }), (doc, parts) => {
        const src = parts.join(W);
        if (localMatch(doc, src)) expect(mayOccur(doc, fixedRuns(src))).toBe(true);
      }),
    );
  });
});
