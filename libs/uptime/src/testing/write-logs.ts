import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ScriptLine } from './log-script';

export interface SplitOptions {
  /** Per day, cut positions (0..1 fractions of that day's lines) where a new numbered part file starts. */
  cuts?: (day: string) => number[];
  /** Whether a file (by name without .gz) is written compressed. */
  gzip?: (name: string) => boolean;
  /** Leave the very last line of the last file without a newline. */
  noFinalNewline?: boolean;
}

/** Writes script lines as daily `paper-trade-YYYY-MM-DD[.N].log[.gz]` files; returns the file names. */
export function writeLogs(dir: string, lines: readonly ScriptLine[], options: SplitOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const byDay = new Map<string, string[]>();
  for (const l of lines) {
    const list = byDay.get(l.day) ?? [];
    list.push(l.text);
    byDay.set(l.day, list);
  }
  const written: string[] = [];
  const days = [...byDay.keys()];
  days.forEach((day, dayIndex) => {
    const dayLines = byDay.get(day)!;
    const cuts = [...new Set((options.cuts?.(day) ?? []).map((f) => Math.floor(f * dayLines.length)))]
      .filter((c) => c > 0 && c < dayLines.length)
      .sort((a, b) => a - b);
    const bounds = [0, ...cuts, dayLines.length];
    for (let p = 0; p + 1 < bounds.length; p++) {
      const part = dayLines.slice(bounds[p], bounds[p + 1]);
      const name = p === 0 ? `paper-trade-${day}.log` : `paper-trade-${day}.${p}.log`;
      const last = dayIndex === days.length - 1 && p + 2 === bounds.length;
      const text = part.join('\n') + (last && options.noFinalNewline ? '' : '\n');
      if (options.gzip?.(name)) {
        writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
        written.push(`${name}.gz`);
      } else {
        writeFileSync(join(dir, name), text);
        written.push(name);
      }
    }
  });
  return written;
}
