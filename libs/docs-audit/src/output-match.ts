/** One line of the comparison of expected and actual output, in order. */
export type DiffLine =
  | { kind: 'same'; expected: string; actual: string }
  /** Actual lines taken by an expected `...` line. */
  | { kind: 'skipped'; actual: string[] }
  | { kind: 'missing'; expected: string }
  | { kind: 'extra'; actual: string };

export interface OutputMatch {
  ok: boolean;
  diff: DiffLine[];
}

const ANY_LINES = '...';
const ANY_TEXT = '[..]';

/** Lines without trailing whitespace, trailing blank lines dropped: what a reader sees. */
export function normaliseOutput(text: string | readonly string[]): string[] {
  const lines = (typeof text === 'string' ? text.split(/\r?\n/) : text).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Whether one expected line (where `[..]` stands for any text) matches one actual line. */
export function lineMatches(expected: string, actual: string): boolean {
  const parts = expected.trimEnd().split(ANY_TEXT);
  const text = actual.trimEnd();
  if (parts.length === 1) return parts[0] === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // With only any-text wildcards, taking each middle part at its earliest place is never worse.
  let at = first.length;
  const limit = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > limit) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * Compares output with its expectation: each expected line matches one actual line, except a
 * `...` line, which matches any number of lines (none included). Trailing whitespace and trailing
 * blank lines are ignored. The diff is an alignment with the fewest missing and extra lines.
 */
export function matchOutput(expectedText: string | readonly string[], actualText: string | readonly string[]): OutputMatch {
  const expected = normaliseOutput(expectedText);
  const actual = normaliseOutput(actualText);
  const cost = alignmentCosts(expected, actual);
  return { ok: cost[0] === 0, diff: walk(expected, actual, cost) };
}

/** cost[i * (m + 1) + j]: fewest missing plus extra lines aligning expected[i..] with actual[j..]. */
function alignmentCosts(expected: readonly string[], actual: readonly string[]): Uint32Array {
  const n = expected.length;
  const m = actual.length;
  const w = m + 1;
  const cost = new Uint32Array((n + 1) * w);
  for (let j = m - 1; j >= 0; j--) cost[n * w + j] = m - j;
  for (let i = n - 1; i >= 0; i--) {
    const any = expected[i] === ANY_LINES;
    cost[i * w + m] = cost[(i + 1) * w + m]! + (any ? 0 : 1);
    for (let j = m - 1; j >= 0; j--) {
      const end = cost[(i + 1) * w + j]!;
      if (any) {
        cost[i * w + j] = Math.min(end, cost[i * w + j + 1]!);
        continue;
      }
      const take = lineMatches(expected[i]!, actual[j]!) ? cost[(i + 1) * w + j + 1]! : Infinity;
      cost[i * w + j] = Math.min(take, end + 1, cost[i * w + j + 1]! + 1);
    }
  }
  return cost;
}

function walk(expected: readonly string[], actual: readonly string[], cost: Uint32Array): DiffLine[] {
  const n = expected.length;
  const m = actual.length;
  const w = m + 1;
  const at = (i: number, j: number) => cost[i * w + j]!;
  const diff: DiffLine[] = [];
  const skip = (line: string) => {
    const prev = diff[diff.length - 1];
    if (prev?.kind === 'skipped') prev.actual.push(line);
    else diff.push({ kind: 'skipped', actual: [line] });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const here = at(i, j);
    if (i < n && expected[i] === ANY_LINES) {
      if (j < m && at(i, j + 1) === here) skip(actual[j++]!);
      else {
        if (diff[diff.length - 1]?.kind !== 'skipped') diff.push({ kind: 'skipped', actual: [] });
        i++;
      }
    } else if (i < n && j < m && lineMatches(expected[i]!, actual[j]!) && at(i + 1, j + 1) === here) {
      diff.push({ kind: 'same', expected: expected[i++]!, actual: actual[j++]! });
    } else if (i < n && at(i + 1, j) + 1 === here) {
      diff.push({ kind: 'missing', expected: expected[i++]! });
    } else {
      diff.push({ kind: 'extra', actual: actual[j++]! });
    }
  }
  return diff;
}

/**
 * The diff as text: `  ` matched, `- ` expected but not printed, `+ ` printed but not expected,
 * `~ ` taken by an expected `...` (a long run shows its ends).
 */
export function formatDiff(diff: readonly DiffLine[], indent = ''): string {
  return diff
    .flatMap((d) => {
      if (d.kind === 'same') return [`  ${d.actual}`];
      if (d.kind === 'missing') return [`- ${d.expected}`];
      if (d.kind === 'extra') return [`+ ${d.actual}`];
      if (d.actual.length === 0) return ['~ (... took no lines)'];
      if (d.actual.length <= 2 * SKIP_ENDS + 1) return d.actual.map((a) => `~ ${a}`);
      const hidden = d.actual.length - 2 * SKIP_ENDS;
      return [...d.actual.slice(0, SKIP_ENDS), `~ (${hidden} more lines)`, ...d.actual.slice(-SKIP_ENDS)].map((a, k) => (k === SKIP_ENDS ? a : `~ ${a}`));
    })
    .map((l) => `${indent}${l}`.trimEnd())
    .join('\n');
}

const SKIP_ENDS = 3;
