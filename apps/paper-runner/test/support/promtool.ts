import { spawnSync } from 'node:child_process';

/**
 * promtool (Debian's `prometheus` package) checks the shipped Prometheus files. CI installs it
 * (.ci/run); on a machine without it the tests fail and say how to get it, unless
 * RUSTYBT_SKIP_PROMTOOL=1 asks to skip them, which the test names then say. Never a silent pass.
 */
export const skipPromtool = process.env.RUSTYBT_SKIP_PROMTOOL === '1';

const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
export const promtoolMissing =
  probe.error || probe.status !== 0
    ? 'promtool is not installed: `apt-get install -y prometheus` provides it (CI installs it in .ci/run); set RUSTYBT_SKIP_PROMTOOL=1 to skip these checks'
    : undefined;

export interface ToolResult {
  code: number | null;
  output: string;
}

/** Runs promtool with `args` (and `input` on stdin); throws the install hint when it is missing. */
export function promtool(args: string[], options: { cwd?: string; input?: string } = {}): ToolResult {
  if (promtoolMissing) throw new Error(promtoolMissing);
  const r = spawnSync('promtool', args, { encoding: 'utf8', cwd: options.cwd, input: options.input, timeout: 120_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}
