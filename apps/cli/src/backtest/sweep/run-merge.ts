import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { CliError } from '../../errors';
import { globalsOf } from '../../globals';
import { rank, sweepDocSchema, type SortKey, type SweepDoc } from './sweep-doc';
import { renderSweepTable } from './sweep-table';

export interface MergeFlags {
  sort?: SortKey;
  output?: string;
}

/** A shard's result file, checked against the sweep document schema: bad input is one CliError line. */
export function readSweepDoc(file: string): SweepDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Give the files that backtest --sweep --output wrote`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON. Give the files that backtest --sweep --output (or --json) wrote`);
  }
  const parsed = sweepDocSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(
      `${file} is not a sweep result (${issue.path.join('.') || 'document'}: ${issue.message}). Give the files that backtest --sweep --output wrote`,
    );
  }
  // Checked, but handed on as written: each run's summary stays byte for byte what its shard printed.
  return json as SweepDoc;
}

// Everything but the shard must agree, or the shards are not parts of one sweep.
const identity = (d: SweepDoc) => JSON.stringify({ ...d.sweep, shard: { count: d.sweep.shard.count }, shards: [], sort: '' });

/**
 * What every run of one sweep trades under (only the swept params differ): the cost models, seed,
 * capital, fill rule and the fixed params. Shards run with other flags rank apples against oranges.
 * Undefined for a shard whose every combination failed (nothing of it is ranked).
 */
function conditions(d: SweepDoc): string | undefined {
  const s = d.runs.find((r) => r.summary)?.summary;
  if (!s) return undefined;
  const swept = new Set(d.sweep.axes.map((a) => a.key));
  const fixed = Object.entries(s.params)
    .filter(([k]) => !swept.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ broker: s['broker'], seed: s['seed'], capital: s['capital'], fillAt: s['fillAt'], params: fixed });
}

/** Joins the shards of one sweep into the result a single machine would have printed. */
export function mergeSweepDocs(docs: readonly { file: string; doc: SweepDoc }[], sort?: SortKey): SweepDoc {
  const first = docs[0]!;
  const shards = new Map<number, string>();
  let under: { file: string; conditions: string } | undefined;
  for (const { file, doc } of docs) {
    if (identity(doc) !== identity(first.doc))
      throw new CliError(`${file} is from another sweep than ${first.file} (strategy, data, axes or shard count differ). Merge the shards of one sweep`);
    const c = conditions(doc);
    if (c !== undefined && under !== undefined && c !== under.conditions)
      throw new CliError(
        `${file} was run under other conditions than ${under.file} (cost models, seed, capital or fixed --param differ). Run every shard with the same flags`,
      );
    if (c !== undefined) under ??= { file, conditions: c };
    for (const s of doc.sweep.shards) {
      if (shards.has(s)) throw new CliError(`shard ${s}/${doc.sweep.shard.count} is in both ${shards.get(s)} and ${file}. Give each shard once`);
      shards.set(s, file);
    }
  }
  const count = first.doc.sweep.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((s) => !shards.has(s));
  if (missing.length > 0)
    throw new CliError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} ${missing.length > 1 ? 'are' : 'is'} missing. Merge the results of every --shard i/${count}`,
    );
  const runs = docs.flatMap((d) => d.doc.runs);
  const key = sort ?? first.doc.sweep.sort;
  return { sweep: { ...first.doc.sweep, shard: { index: 1, count }, shards: [...shards.keys()].sort((a, b) => a - b), sort: key }, runs: rank(runs, key) };
}

/** rustybt backtest merge <files...> */
export async function runMerge(files: string[], flags: MergeFlags, cmd: Command): Promise<void> {
  const globals = globalsOf(cmd);
  const merged = mergeSweepDocs(
    files.map((file) => ({ file, doc: readSweepDoc(file) })),
    flags.sort,
  );
  if (flags.output) writeFileAtomic(flags.output, `${JSON.stringify(merged, null, 2)}\n`);
  if (globals.json) process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  else process.stdout.write(`${renderSweepTable(merged)}\n${flags.output ? `output ${flags.output}\n` : ''}`);
}
