import { spawn } from 'node:child_process';

export type AuditOutcome =
  | { kind: 'counts'; critical: number; high: number; total: number }
  /** The registry refused or could not be reached: nothing was learned. */
  | { kind: 'unavailable'; reason: string };

/** Reads `npm audit --json` output: counts, or why there are none. Never throws. */
export function readAuditOutput(stdout: string, stderr: string, timedOut: boolean): AuditOutcome {
  if (timedOut) return { kind: 'unavailable', reason: 'npm audit did not answer in time (registry unreachable?)' };
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    const line = stderr.split('\n').find((l) => /npm (error|warn)/.test(l)) ?? 'no JSON output';
    return { kind: 'unavailable', reason: `npm audit gave no report (${line.replace(/^npm (error|warn)\s*/, '').trim()})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { kind: 'unavailable', reason: 'npm audit printed something other than a report' };
  const d = data as {
    statusCode?: unknown;
    message?: unknown;
    error?: { code?: unknown; summary?: unknown };
    metadata?: { vulnerabilities?: Record<string, unknown> };
  };
  const v = typeof d.metadata === 'object' && d.metadata !== null ? d.metadata.vulnerabilities : undefined;
  if (typeof v === 'object' && v !== null && typeof v.critical === 'number' && typeof v.high === 'number') {
    const total = typeof v.total === 'number' ? v.total : Object.values(v).reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
    return { kind: 'counts', critical: v.critical, high: v.high, total };
  }
  if (typeof d.statusCode === 'number') return { kind: 'unavailable', reason: `the registry refused the audit endpoint (HTTP ${d.statusCode})` };
  const error = typeof d.error === 'object' && d.error !== null ? d.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const summary =
    typeof error?.summary === 'string' && error.summary
      ? error.summary.split('\n')[0]
      : typeof d.message === 'string'
        ? d.message.split('\n')[0]
        : 'unrecognised output';
  return { kind: 'unavailable', reason: `npm audit failed${code ? ` (${code})` : ''}: ${summary}` };
}

/** `npm audit --json` in the folder holding package-lock.json, bounded by `timeoutMs` and the signal. */
export function runNpmAudit(cwd: string, timeoutMs: number, signal: AbortSignal): Promise<AuditOutcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['audit', '--json'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    let out = '';
    let err = '';
    let timedOut = false;
    const kill = () => child.kill('SIGTERM');
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    signal.addEventListener('abort', kill, { once: true });
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ kind: 'unavailable', reason: `cannot run npm (${e.message})` });
    });
    child.on('close', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      resolve(readAuditOutput(out, err, timedOut));
    });
  });
}
