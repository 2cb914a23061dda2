import { WILDCARD } from './source-literals';

/**
 * Where a source literal occurs, whole, inside a quoted message: the doc positions its literal
 * characters cover, or undefined when it does not occur. Both sides are patterns: WILDCARD in the
 * doc (`[..]`, a placeholder) stands for any text, the literal's own text included, and WILDCARD
 * in the literal (`${...}`) for any doc text. The literal may start and end anywhere in the doc,
 * since messages are built from several literals (`${what}. ${remedy}`); all of its characters
 * must be accounted for. Of the ways it occurs, the one covering the most doc characters.
 */
export function localMatch(doc: string | Uint16Array, src: string | Uint16Array): number[] | undefined {
  const d = typeof doc === 'string' ? codesOf(doc) : doc;
  const s = typeof src === 'string' ? codesOf(src) : src;
  const n = d.length;
  const m = s.length;
  const w = m + 1;
  const size = (n + 1) * w;
  if (scoreBuf.length < size) {
    scoreBuf = new Int32Array(size * 2);
    fromBuf = new Uint8Array(size * 2);
  }
  const score = scoreBuf;
  const from = fromBuf; // 1 both literal, 2 from the left (src advances), 3 from above (doc advances)
  score.fill(-1, 0, size);
  for (let i = 0; i <= n; i++) score[i * w] = 0; // the literal may start at any doc position
  for (let i = 0; i <= n; i++) {
    const dc = i > 0 ? d[i - 1]! : -1;
    const row = i * w;
    for (let j = 1; j <= m; j++) {
      const k = row + j;
      const sc = s[j - 1]!;
      const open = sc === 0 || dc === 0; // a wildcard on either side here
      let v = -1;
      let f = 0;
      if (i > 0) {
        const diag = score[k - w - 1]!;
        if (dc > 0 && dc === sc && diag >= 0) {
          v = diag + 1;
          f = 1;
        }
        // The doc advances: the literal's wildcard takes doc[i-1], or the doc's wildcard is empty here.
        if (open && score[k - w]! > v) {
          v = score[k - w]!;
          f = 3;
        }
      }
      // The literal advances: its wildcard is empty here, or the doc's wildcard (at i-1) takes src[j-1].
      if (open && score[k - 1]! > v) {
        v = score[k - 1]!;
        f = 2;
      }
      score[k] = v;
      from[k] = f;
    }
  }
  let best = -1;
  let end = -1;
  for (let i = 0; i <= n; i++) {
    if (score[i * w + m]! > best) {
      best = score[i * w + m]!;
      end = i;
    }
  }
  return best < 0 ? undefined : covered(from, end, m, w);
}

// One matrix reused across calls: the index asks thousands of times per quoted line.
let scoreBuf = new Int32Array(1 << 16);
let fromBuf = new Uint8Array(1 << 16);

/** UTF-16 code units; WILDCARD is 0. */
export function codesOf(p: string): Uint16Array {
  const out = new Uint16Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = p.charCodeAt(i);
  return out;
}

/** The doc positions matched character for character, walking back from the end of the match. */
function covered(from: Uint8Array, end: number, m: number, w: number): number[] {
  const out: number[] = [];
  for (let i = end, j = m; j > 0;) {
    const f = from[i * w + j];
    if (f === 1) {
      out.push(i - 1);
      i--;
      j--;
    } else if (f === 2) j--;
    else i--;
  }
  return out.reverse();
}

/** Number of characters that are not WILDCARD. */
export const fixedLength = (p: string) => p.length - (p.split(WILDCARD).length - 1);

/** The fixed runs of a pattern (its text between wildcards), longest first. */
export const fixedRuns = (p: string): string[] =>
  p
    .split(WILDCARD)
    .filter((r) => r.length > 0)
    .sort((a, b) => b.length - a.length);

/**
 * A cheap test before localMatch. Without placeholders in the doc, every fixed run of the literal
 * must be a substring of it (exact). With them, a placeholder may swallow part of a run (a quoted
 * value takes its quotes), so each run of 8 or more characters is only asked to share 4 characters
 * with the doc, and the longest run (if 4 or more) too: a literal whose long runs fall on
 * placeholders explains little of the line anyway.
 */
export function mayOccur(doc: string, runs: readonly string[]): boolean {
  if (!doc.includes(WILDCARD)) return runs.every((r) => doc.includes(r));
  return runs.every((r, k) => (r.length < 8 && (k > 0 || r.length < 4)) || sharesGram(doc, r));
}

function sharesGram(doc: string, run: string): boolean {
  for (let i = 0; i + 4 <= run.length; i++) if (doc.includes(run.slice(i, i + 4))) return true;
  return false;
}
