// Cold start of `rustybt --help` against `node -e 0`, measured interleaved in the same run so
// machine load affects both alike. Goal: ratio <= 2 (heavy modules are loaded lazily).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/rustybt.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);

function timeOnce(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const reference: number[] = [];
const cli: number[] = [];
timeOnce(['-e', '0']);
timeOnce([bin, '--help']);
for (let i = 0; i < runs; i++) {
  reference.push(timeOnce(['-e', '0']));
  cli.push(timeOnce([bin, '--help']));
}
const ratio = median(cli) / median(reference);
console.log(`startup: rustybt --help median ${median(cli).toFixed(1)} ms; node -e 0 median ${median(reference).toFixed(1)} ms; ratio ${ratio.toFixed(2)}x (goal <= 2.00x) ${ratio <= 2 ? 'OK' : 'OVER GOAL'}`);
