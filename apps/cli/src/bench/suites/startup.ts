import { spawnSync } from 'node:child_process';
import { defineSuite, latencyCase } from '@rustybt/bench';
import { cliBinPath } from '../cli-bin';

function start(args: string[]): void {
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}. Build the CLI first (npm run build -w @rustybt/cli)`);
}

const bin = cliBinPath();

// Cold start of the CLI against the cold start of Node itself, measured interleaved in the same
// run so machine load hits both alike. Goal: at most 2x, i.e. heavy modules stay lazy.
export default defineSuite({
  name: 'startup',
  description: 'CLI cold start (rustybt --help) vs node -e 0',
  cases: [
    latencyCase({
      name: 'rustybt --help',
      unit: 'starts',
      samples: { full: 20, quick: 8 },
      warmup: { full: 2, quick: 1 },
      op: () => start([bin, '--help']),
      reference: { name: 'node -e 0', op: () => start(['-e', '0']) },
      goals: ['ratio <= 2'],
    }),
  ],
});
