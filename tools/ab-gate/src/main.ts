import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { abGate, formatAbReport } from '@rustybt/bench';
import { writeFileAtomic } from '@rustybt/ops';
import { GateError } from './gate-error';
import { exportCommit, repoRoot, resolveCommit } from './git';
import { runBenchmarkOf } from './run-build';
import { buildCli, linkDependencies } from './tree';

interface Options {
  base?: string;
  baseDir?: string;
  head?: string;
  headDir?: string;
  suite: string;
  rounds: number;
  quick: boolean;
  iterations?: number;
  threshold: number;
  seed: number;
  json: boolean;
  output?: string;
  keep: boolean;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A built tree for one side: an exported, linked and built revision, or a directory given as is. */
function prepareSide(label: string, rev: string | undefined, dir: string | undefined, root: string, work: string): { tree: string; describe: string } {
  if (rev && dir) throw new GateError(`--${label} and --${label}-dir both given. Pass one of them`);
  if (dir) return { tree: resolve(dir), describe: `${resolve(dir)} (as built)` };
  if (!rev) return { tree: root, describe: `${root} (working tree, as built)` };
  const commit = resolveCommit(root, rev);
  const tree = join(work, label);
  log(`${label}: ${rev} = ${commit.slice(0, 12)}: export and build`);
  exportCommit(root, commit, tree);
  linkDependencies(tree, root);
  buildCli(tree, log);
  return { tree, describe: `${rev} (${commit.slice(0, 12)})` };
}

async function gate(opts: Options): Promise<number> {
  if (!opts.base && !opts.baseDir) throw new GateError('no base given. Pass --base <git revision> (or --base-dir <built tree>)');
  const root = repoRoot(process.cwd());
  const work = mkdtempSync(join(tmpdir(), 'rustybt-ab-'));
  try {
    const base = prepareSide('base', opts.base, opts.baseDir, root, work);
    const head = prepareSide('head', opts.head, opts.headDir, root, work);
    const args = { suite: opts.suite, quick: opts.quick, ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}) };
    const home = join(work, 'home');
    const report = await abGate({
      rounds: opts.rounds,
      threshold: opts.threshold / 100,
      seed: opts.seed,
      onRun: (side, round) => log(`round ${round + 1}/${opts.rounds}: ${side}`),
      run: async (side, round) => runBenchmarkOf(side === 'base' ? base.tree : head.tree, side, args, join(work, `${side}-${round}.json`), home),
    });
    const full = { base: base.describe, head: head.describe, suite: opts.suite, quick: opts.quick, report };
    if (opts.output) writeFileAtomic(opts.output, `${JSON.stringify(full, null, 2)}\n`);
    process.stdout.write(opts.json ? `${JSON.stringify(full, null, 2)}\n` : `base ${base.describe}\nhead ${head.describe}\n${formatAbReport(report)}\n`);
    return report.verdict === 'regression' ? 1 : 0;
  } finally {
    if (opts.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const USAGE = `usage: ab-gate --base <rev> [--head <rev>] --suite <name> [--rounds 6] [--quick] [--iterations N]
               [--threshold 20] [--seed 1] [--json] [--output report.json] [--keep]
  --base <rev> | --base-dir <dir>   base: a git revision to export and build, or an already built tree
  --head <rev> | --head-dir <dir>   head: likewise (default: this working tree, as built)
  --suite <name>                    the rustybt benchmark suite (startup, ..., all)
  --rounds <n>                      interleaved rounds of one base and one head run (>= 3, default 6)
  --quick, --iterations <n>         passed to rustybt benchmark
  --threshold <percent>             change that counts (default 20)
  --seed <n>                        bootstrap seed (default 1)
  --json, --output <file>           report as JSON on stdout / also into a file
  --keep                            keep the temporary trees and result files
Exit: 0 no regression, 1 regression, 2 usage or input error.`;

function wholeNumber(name: string, value: string | undefined, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new GateError(`--${name} must be a whole number >= ${min}, got "${value}". See ab-gate --help`);
  return Number(value);
}

function parseOptions(argv: string[]): Options | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        'base-dir': { type: 'string' },
        head: { type: 'string' },
        'head-dir': { type: 'string' },
        suite: { type: 'string' },
        rounds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        iterations: { type: 'string' },
        threshold: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        output: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new GateError(`${(err as Error).message.replace(/\.$/, '')}. See ab-gate --help`);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  if (!v.suite) throw new GateError('no suite given. Pass --suite <name> (startup, ..., all)');
  const threshold = wholeNumber('threshold', v.threshold, 1, 20);
  if (threshold >= 100) throw new GateError(`--threshold must be below 100, got ${threshold}. Pass a percentage such as 20`);
  return {
    ...(v.base ? { base: v.base } : {}),
    ...(v['base-dir'] ? { baseDir: v['base-dir'] } : {}),
    ...(v.head ? { head: v.head } : {}),
    ...(v['head-dir'] ? { headDir: v['head-dir'] } : {}),
    suite: v.suite,
    rounds: wholeNumber('rounds', v.rounds, 3, 6),
    quick: v.quick,
    ...(v.iterations !== undefined ? { iterations: wholeNumber('iterations', v.iterations, 1, 1) } : {}),
    threshold,
    seed: wholeNumber('seed', v.seed, 0, 1),
    json: v.json,
    ...(v.output ? { output: v.output } : {}),
    keep: v.keep,
  };
}

try {
  const opts = parseOptions(process.argv.slice(2));
  if (opts) process.exitCode = await gate(opts);
  else process.stdout.write(`${USAGE}\n`);
} catch (err) {
  log(`error: ${(err as Error).message ?? String(err)}`);
  const code = (err as { exitCode?: unknown }).exitCode;
  process.exitCode = typeof code === 'number' && code > 0 ? code : 1;
}
