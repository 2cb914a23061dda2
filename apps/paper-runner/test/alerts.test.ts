import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { alertsConfigSchema, readOutboxCounts, verifySignature } from '@rustybt/alerts';
import { afterAll, describe, expect, it } from 'vitest';
import { outboxPathOf } from '../src/alerts/outbox-path';
import { resolveRunnerOptions } from '../src/options/runner-options';
import { PaperRunner } from '../src/runner/paper-runner';
import { sleep, startRunner } from './support/runner-process';

const REJECTS = fileURLToPath(new URL('./fixtures/reject-orders.ts', import.meta.url));
const SECRET = 'canary-runner-hook-secret-Mx4';
const TIMEOUT_MS = 180_000;
const home = mkdtempSync(join(tmpdir(), 'rustybt-alerts-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A webhook receiver as the contract asks for: checks the signature; `hold` keeps requests open. */
async function receiver() {
  const st = { hold: true, requests: [] as { id: string; body: string }[], acked: [] as string[], held: [] as ServerResponse[] };
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = String(req.headers['x-rustybt-alert-id']);
      st.requests.push({ id, body });
      if (!verifySignature({ body, header: req.headers['x-rustybt-signature'] as string, secret: SECRET }).ok) return void res.writeHead(401).end();
      if (st.hold) return void st.held.push(res);
      st.acked.push(id);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    st,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => {
      for (const r of st.held) r.destroy();
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function writeConfig(dir: string, url: string) {
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'config.yaml'),
    `alerts:\n  channels:\n    - { name: hook, type: webhook, url: "${url}", secretEnv: RUSTYBT_TEST_HOOK_SECRET, timeoutMs: 60000 }\n  rules:\n    digest: { after: 1000 }\n    rateLimit: { burst: 1000, perMinute: 1000 }\n`,
  );
}

const outboxIds = (file: string, state: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[string], { id: string }>('SELECT a.id FROM deliveries d JOIN alerts a ON a.seq = d.alert_seq WHERE d.state = ? ORDER BY a.seq')
      .all(state)
      .map((r) => r.id);
  } finally {
    db.close();
  }
};

describe('alerts from the runner', { timeout: TIMEOUT_MS }, () => {
  it('kill -9 with alerts queued: the restart delivers each exactly once', async () => {
    const rx = await receiver();
    const dir = join(home, 'kill');
    writeConfig(dir, rx.url);
    const env = { RUSTYBT_HOME: dir, RUSTYBT_TEST_HOOK_SECRET: SECRET };
    const args = ['--strategy', REJECTS, '--session', 'alerty', '--heartbeat', '100ms', '--speed', '12000', '--port', '0'];
    const outbox = outboxPathOf(join(dir, 'state', 'alerty.db'), 'alerty');
    try {
      const first = startRunner(args, env);
      // The first alert is held in flight by the receiver, the other four queued behind it.
      await until('five rejections in the outbox', () => rx.st.requests.length >= 1 && (readOutboxCounts(outbox)?.pending ?? 0) >= 5);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      const queued = outboxIds(outbox, 'pending');
      expect(queued).toHaveLength(5);
      expect(queued.every((id) => /^alerty:order_rejected:alerty-\d+$/.test(id))).toBe(true);

      rx.st.hold = false;
      const second = startRunner(args, env);
      await until('every queued alert delivered', () => queued.every((id) => rx.st.acked.includes(id)));
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      // Once each: no id answered 200 twice; the restart's replayed bars raised no new ones.
      expect([...rx.st.acked].sort()).toEqual([...queued].sort());
      expect(readOutboxCounts(outbox)).toMatchObject({ pending: 0, held: 0, sent: 5, dead: 0 });
      expect(first.stderr() + second.stderr()).not.toContain(SECRET);
    } finally {
      await rx.close();
    }
  });

  it('a channel that hangs does not delay the next bar', async () => {
    const rx = await receiver();
    const dir = join(home, 'hang');
    const options = resolveRunnerOptions(
      { strategy: REJECTS, session: 'hung', heartbeat: '100ms', speed: '12000', port: '0' } as Parameters<typeof resolveRunnerOptions>[0],
      { RUSTYBT_HOME: dir, RUSTYBT_TEST_HOOK_SECRET: SECRET },
    );
    const runner = await PaperRunner.start({
      ...options,
      alerts: alertsConfigSchema.parse({
        channels: [{ type: 'webhook', name: 'hook', url: rx.url, secretEnv: 'RUSTYBT_TEST_HOOK_SECRET', timeoutMs: 120_000 }],
      }),
    });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    try {
      await until('the first alert in flight', () => rx.st.requests.length >= 1);
      lag.enable();
      const bars = runner.progress().bars;
      await until('300 more bars', () => runner.progress().bars >= bars + 300);
      lag.disable();
      // The channel was stuck on its first request the whole time.
      expect(rx.st.requests).toHaveLength(1);
      expect(rx.st.acked).toHaveLength(0);
      // Generous slack for a loaded machine: the hung send costs the bar loop nothing like its 120 s timeout.
      expect(lag.max / 1e6).toBeLessThan(1000);
    } finally {
      const summary = await runner.stop('signal');
      expect(summary.reason).toBe('signal');
      await rx.close();
    }
  });
});
