import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SMA_STRATEGY_SOURCE } from '../strategies/sma-strategy-source';
import { parsePrometheusText } from './prometheus-text';

export interface ProbeResult {
  /** CPU time over wall time between two scrapes, in percent of one core. */
  cpuPercent: number;
  rssMb: number;
  windowSeconds: number;
  bars: number;
}

const require = createRequire(import.meta.url);

/** The supervisor bin of the installed paper runner. */
function runnerBin(): string {
  return join(dirname(require.resolve('@rustybt/paper-runner/package.json')), 'bin', 'main.js');
}

const metric = (text: string, name: string): number => parsePrometheusText(text).samples.find((s) => s.name === name)?.value ?? Number.NaN;

/**
 * A real runner at its production pace (the sim market, one bar per second) in a process of its
 * own and a temporary home: its own /metrics say how much CPU and memory it uses over `windowMs`.
 */
export async function probeRunner(windowMs: number, signal: AbortSignal): Promise<ProbeResult> {
  const home = mkdtempSync(join(tmpdir(), 'rustybt-validate-probe-'));
  const strategy = join(home, 'probe.ts');
  writeFileSync(strategy, SMA_STRATEGY_SOURCE, { mode: 0o600 });
  const child = spawn(process.execPath, [runnerBin(), '--strategy', strategy, '--session', 'probe', '--heartbeat', '1s', '--port', '0'], {
    env: { ...process.env, RUSTYBT_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const kill = () => child.kill('SIGTERM');
  signal.addEventListener('abort', kill, { once: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr!.setEncoding('utf8').on('data', (c: string) => {
        err += c;
        const m = /http: (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`the runner exited before it listened: ${err.trim().split('\n').at(-1) ?? ''}`)));
    });
    const scrape = async () => ({ at: performance.now(), text: await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text() });
    // Measure the steady state: from the first bar on, not the start-up.
    let first = await scrape();
    while (!(metric(first.text, 'rustybt_bars_processed_total') > 0) && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 200));
      first = await scrape();
    }
    await new Promise((r) => setTimeout(r, windowMs));
    const last = await scrape();
    const wall = (last.at - first.at) / 1000;
    const cpu = metric(last.text, 'process_cpu_seconds_total') - metric(first.text, 'process_cpu_seconds_total');
    return {
      cpuPercent: (cpu / wall) * 100,
      rssMb: metric(last.text, 'process_resident_memory_bytes') / 2 ** 20,
      windowSeconds: wall,
      bars: metric(last.text, 'rustybt_bars_processed_total'),
    };
  } finally {
    signal.removeEventListener('abort', kill);
    kill();
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
}
