export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'SKIP';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  latencyMs: number | null;
  detail: string;
}

export interface CheckReport {
  broker: string;
  target: string;
  checks: CheckResult[];
  result: 'PASS' | 'WARN' | 'FAIL';
}

/** Times one check; a thrown error is that check's FAIL with the error's (already redacted) message. */
export async function timed(name: string, run: () => Promise<{ status: CheckStatus; detail: string }>): Promise<CheckResult> {
  const start = performance.now();
  try {
    const r = await run();
    return { name, ...r, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (e) {
    const err = e as { message?: string; errorType?: string; exitCode?: number };
    // An input error (unknown exchange id...) is not a failed check: the CLI reports it with exit 2.
    if (err.exitCode === 2) throw e;
    const type = err.errorType ? ` (${err.errorType})` : '';
    return { name, status: 'FAIL', detail: `${err.message ?? String(e)}${type}`, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  }
}

export const skipped = (name: string, detail: string): CheckResult => ({ name, status: 'SKIP', latencyMs: null, detail });

export function overall(checks: CheckResult[]): CheckReport['result'] {
  if (checks.some((c) => c.status === 'FAIL')) return 'FAIL';
  return checks.some((c) => c.status === 'WARN') ? 'WARN' : 'PASS';
}

export function formatReport(r: CheckReport): string {
  const width = Math.max(...r.checks.map((c) => c.name.length), 10);
  const lines = [`test-broker ${r.broker} (${r.target})`];
  for (const c of r.checks) {
    const latency = c.latencyMs === null ? '' : `${c.latencyMs.toFixed(1)} ms`;
    lines.push(`${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${latency.padStart(10)}  ${c.detail}`);
  }
  const count = (s: CheckStatus) => r.checks.filter((c) => c.status === s).length;
  lines.push(`result: ${r.result} (${count('PASS')} passed, ${count('WARN')} warnings, ${count('FAIL')} failed, ${count('SKIP')} skipped)`);
  return `${lines.join('\n')}\n`;
}
