import type { Command } from 'commander';
import { compare, formatComparison, readResultFile } from '@rustybt/bench';
import { writeFileAtomic } from '@rustybt/ops';
import type { CompareOptions } from './benchmark-options';
import { globalsOf } from '../globals';

export function compareFiles(basePath: string, headPath: string, opts: CompareOptions, cmd: Command): void {
  const base = readResultFile(basePath);
  const head = readResultFile(headPath);
  const comparison = compare(base, head, { threshold: opts.threshold / 100, names: { base: basePath, head: headPath } });
  const json = `${JSON.stringify(comparison, null, 2)}\n`;
  if (opts.output) writeFileAtomic(opts.output, json);
  process.stdout.write(globalsOf(cmd).json ? json : `${formatComparison(comparison)}\n`);
  if (comparison.regressions > 0) process.exitCode = 1;
}
