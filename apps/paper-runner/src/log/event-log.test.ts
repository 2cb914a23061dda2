import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventLine } from '@rustybt/uptime';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from './event-log';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rustybt-log-'));
  dirs.push(d);
  return d;
}

describe('EventLog', () => {
  it('writes contract lines to paper-trade-YYYY-MM-DD.log, all flushed on close', async () => {
    const dir = tempDir();
    const log = new EventLog({ dir, session: 's1', version: '0.1.0', pid: 4242, secrets: ['hunter22'] });
    log.write({ level: 'info', event: 'session_start', heartbeat_interval_ms: 1000, strategy: 'x.ts', broker: 'paper', mode: 'paper', resumed: false });
    for (let seq = 0; seq < 500; seq++) log.write({ level: 'info', event: 'heartbeat', seq, state: 'RUNNING', equity: '10000.5' });
    log.write({ level: 'error', event: 'error', error_type: 'NetworkError', message: 'GET https://x/?k=hunter22 failed' });
    log.write({ level: 'info', event: 'session_stop', reason: 'signal' });
    await log.close();
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    expect(files).toEqual([`paper-trade-${new Date().toISOString().slice(0, 10)}.log`]);
    const lines = readFileSync(join(dir, files[0]!), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(503);
    for (const line of lines) {
      const parsed = parseEventLine(line);
      expect(parsed.ok).toBe(true);
    }
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first).slice(0, 6)).toEqual(['timestamp', 'level', 'event', 'session', 'pid', 'version']);
    expect(first).toMatchObject({ session: 's1', pid: 4242, version: '0.1.0', event: 'session_start' });
    expect(first.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(lines[501]).toContain('[REDACTED]');
    expect(lines.join('\n')).not.toContain('hunter22');
  });

  it('filters order and error events by level but always writes session and heartbeat events', async () => {
    const dir = tempDir();
    const log = new EventLog({ dir, session: 's', version: '1', level: 'error' });
    expect(log.write({ level: 'info', event: 'heartbeat', seq: 0, state: 'RUNNING', equity: '1' })).toBeDefined();
    expect(
      log.write({ level: 'info', event: 'order_filled', order_id: '1', client_order_id: 'c', symbol: 'S', side: 'buy', qty: '1', price: '1', reason: null }),
    ).toBeUndefined();
    expect(log.write({ level: 'error', event: 'error', error_type: 'X', message: 'm' })).toBeDefined();
    await log.close();
  });

  it('refuses to write an event that breaks the contract', async () => {
    const log = new EventLog({ dir: tempDir(), session: 's', version: '1' });
    expect(() => log.write({ level: 'info', event: 'heartbeat', seq: 0, state: 'RUNNING', equity: '1e5' })).toThrow();
    await log.close();
  });

  it('keeps its folder 0700 and every file 0600 (they were 0755 and 0644)', async () => {
    const dir = join(tempDir(), 'home', 'logs');
    const log = new EventLog({ dir, session: 's', version: '1' });
    log.write({ level: 'info', event: 'heartbeat', seq: 0, state: 'RUNNING', equity: '1' });
    await log.close();
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(dir)).toBe('700');
    expect(mode(join(dir, '..'))).toBe('700');
    const files = readdirSync(dir);
    expect(files).toContain('.paper-trade-audit.json');
    for (const f of files) expect([f, mode(join(dir, f))]).toEqual([f, '600']);
  });
});
