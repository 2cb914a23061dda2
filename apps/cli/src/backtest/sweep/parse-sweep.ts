import { Decimal } from '@rustybt/engine';
import { CliError } from '../../errors';

/** One swept parameter: its name and the values (as --param would take them), in order. */
export interface SweepAxis {
  key: string;
  values: string[];
}

/** More combinations than this is a typo, not a plan. */
export const MAX_COMBINATIONS = 100_000;
const MAX_VALUES = 10_000;
const KEY = /^[A-Za-z_][\w.-]*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

const show = (t: string) => JSON.stringify(t.length > 60 ? `${t.slice(0, 60)}...` : t);

/** `from..to[:step]`, inclusive, in exact decimals so 0.1..0.3:0.1 is 0.1, 0.2, 0.3. */
function range(spec: string, body: string): string[] {
  const m = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(body);
  if (!m || !NUMBER.test(m[1]!) || !NUMBER.test(m[2]!) || (m[3] !== undefined && !NUMBER.test(m[3]))) {
    throw new CliError(`--sweep ${show(spec)}: ${show(body)} is not a range. Write from..to[:step], e.g. slow=30..90:30`);
  }
  const from = new Decimal(m[1]!);
  const to = new Decimal(m[2]!);
  const step = new Decimal(m[3] ?? 1);
  if (step.lte(0)) throw new CliError(`--sweep ${show(spec)}: the step ${step.toString()} is not positive. Give a step above 0, e.g. 30..90:30`);
  if (to.lt(from))
    throw new CliError(
      `--sweep ${show(spec)}: the range ends (${to.toString()}) before it starts (${from.toString()}). Write the smaller bound first, e.g. ${m[2]}..${m[1]}`,
    );
  const count = to.sub(from).div(step).floor().toNumber() + 1;
  if (count > MAX_VALUES) throw new CliError(`--sweep ${show(spec)} has ${count} values, more than ${MAX_VALUES}. Use a larger step`);
  return Array.from({ length: count }, (_, i) => from.add(step.mul(i)).toString());
}

/** `key=v1,v2,...` or `key=from..to[:step]`. */
export function parseSweepAxis(spec: string): SweepAxis {
  const eq = spec.indexOf('=');
  const key = eq > 0 ? spec.slice(0, eq).trim() : '';
  if (!KEY.test(key)) throw new CliError(`--sweep ${show(spec)}: expected key=values. Write it like --sweep fast=5,10,20 or --sweep slow=30..90:30`);
  const body = spec.slice(eq + 1).trim();
  if (body === '') throw new CliError(`--sweep ${show(spec)} gives no values. List them (fast=5,10,20) or give a range (slow=30..90:30)`);
  const values = body.includes('..') ? range(spec, body) : body.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new CliError(`--sweep ${show(spec)} has an empty value. Separate values with single commas`);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) throw new CliError(`--sweep ${show(spec)} lists ${show(dup)} twice. Give each value once`);
  return { key, values };
}

/** All --sweep flags: each key once, not also fixed by --param, and a sane number of combinations. */
export function parseSweep(specs: readonly string[], fixedParams: readonly string[] = []): SweepAxis[] {
  const axes = specs.map(parseSweepAxis);
  const keys = axes.map((a) => a.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw new CliError(`--sweep ${dup} is given twice. Sweep each parameter once`);
  const fixed = fixedParams.map((p) => p.slice(0, Math.max(0, p.indexOf('='))).trim());
  const both = keys.find((k) => fixed.includes(k));
  if (both !== undefined) throw new CliError(`${both} is both swept (--sweep) and fixed (--param). Drop one of them`);
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_COMBINATIONS)
    throw new CliError(`the sweep has ${total} combinations, more than ${MAX_COMBINATIONS}. Sweep fewer values or split the work with --shard`);
  return axes;
}

/** Every combination as --param overrides, the first axis varying slowest. */
export function combinations(axes: readonly SweepAxis[]): string[][] {
  let out: string[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.values.map((v) => [...prefix, `${axis.key}=${v}`]));
  return out;
}

/** `--shard i/n` (1-based): this machine runs combinations i-1, i-1+n, i-1+2n, ... */
export function parseShard(spec: string | undefined): { index: number; count: number } {
  if (spec === undefined) return { index: 1, count: 1 };
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(spec);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count)) throw new CliError(`--shard ${show(spec)} is not i/n with 1 <= i <= n. Write it like --shard 2/4`);
  return { index, count };
}

export function shardOf<T>(items: readonly T[], shard: { index: number; count: number }): { position: number; item: T }[] {
  return items.flatMap((item, position) => (position % shard.count === shard.index - 1 ? [{ position, item }] : []));
}

/** --jobs: a whole number from 1; default one per core. */
export function parseJobs(spec: string | undefined, cores: number): number {
  if (spec === undefined) return Math.max(1, cores);
  if (!/^\s*\d{1,4}\s*$/.test(spec) || Number(spec) < 1)
    throw new CliError(`--jobs ${show(spec)} is not a number of threads from 1. Give one such as --jobs 2 (default: one per core, ${cores})`);
  return Number(spec);
}
