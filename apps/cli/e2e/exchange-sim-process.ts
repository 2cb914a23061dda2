import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const BIN = join(dirname(require.resolve('@rustybt/exchange-sim/package.json')), 'bin', 'exchange-sim.js');

export interface SimProcess {
  url: string;
  /** POST/DELETE a control endpoint (`/__sim/faults`, `/__sim/clock`, ...). */
  control(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void>;
  state(): Promise<{ orders: { clientOrderId: string; status: string }[] }>;
  stop(): Promise<void>;
}

/**
 * The emulator as its own process (the CLI runs through spawnSync, which blocks this process, so
 * an in-process server could not answer). Stopped by the test's afterAll.
 */
export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exchange-sim exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    async control(method, path, body) {
      const res = await fetch(`${url}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    },
    state: async () => (await (await fetch(`${url}/__sim/state`)).json()) as { orders: { clientOrderId: string; status: string }[] },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
