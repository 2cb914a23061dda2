import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../bin/main.js', import.meta.url));
export const STRATEGY = fileURLToPath(new URL('../fixtures/sma-cross.ts', import.meta.url));

export interface RunnerProcess {
  child: ChildProcess;
  /** Resolves with the endpoint once the runner printed it (it has logged session_start by then). */
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stderr(): string;
}

/** Starts the built runner (bin/main.js) as a supervisor would. */
export function startRunner(args: string[], env: Record<string, string>): RunnerProcess {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let resolveUrl!: (u: string) => void;
  let rejectUrl!: (e: Error) => void;
  const url = new Promise<string>((res, rej) => {
    resolveUrl = res;
    rejectUrl = rej;
  });
  url.catch(() => {});
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    err += chunk;
    const m = /http: (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m) resolveUrl(m[1]!);
  });
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      rejectUrl(new Error(`runner exited (${code ?? signal}) before it listened: ${err}`));
      // stderr may still be draining after 'exit'.
      child.stderr!.on('end', () => resolve({ code, signal, stderr: err }));
      if (child.stderr!.readableEnded) resolve({ code, signal, stderr: err });
    });
  });
  return { child, url, exited, stderr: () => err };
}

export interface LogLine {
  timestamp: string;
  event: string;
  pid: number;
  [key: string]: unknown;
}

/** Every event of every log file in the directory, in file order. */
export function readEvents(logDir: string): LogLine[] {
  return readdirSync(logDir)
    .filter((f) => f.startsWith('paper-trade-') && f.endsWith('.log'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(logDir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    )
    .map((l) => JSON.parse(l) as LogLine);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls probe until it gives a value: a test waits for what it needs to have happened, not for a
 * stretch of time. The cap only turns a hang into a failure that names what was awaited; it is
 * generous because CI is a loaded 2-core machine where starting a runner alone can take seconds.
 */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      // Not yet readable (a log line half written, an endpoint not up): try again.
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last: ${String(last)})` : ''}`);
    await sleep(50);
  }
}

/** The value of one sample of a running runner's /metrics (NaN when absent). */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
}

/**
 * Budget of a test that starts runner processes. Such a test ends when what it waits for has
 * happened; this bound is only there to fail a hang, so it holds on a busy machine.
 */
export const PROCESS_TEST_TIMEOUT_MS = 180_000;
