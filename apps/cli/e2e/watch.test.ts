import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifySignature } from '@rustybt/alerts';
import { formatEvent, logFileName, timestampOf } from '@rustybt/uptime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult } from './run-cli';

const SECRET = 'canary-watch-secret-Rr27';
const UNIT = fileURLToPath(new URL('../../../docs/deploy/rustybt-watch.service', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'rustybt-watch-'));

function rustybtAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const until = async (what: string, done: () => boolean, timeoutMs = 90_000) => {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The webhook receiver: verifies each alert; answers 503 while `failing`. */
const rx = { failing: false, alerts: [] as { id: string; event: string; severity: string; session: string; summary: string }[] };
let server: ReturnType<typeof createServer>;
let url = '';
beforeAll(async () => {
  server = createServer((req, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (!verifySignature({ body, header: req.headers['x-rustybt-signature'] as string, secret: SECRET }).ok) return void res.writeHead(401).end();
      if (rx.failing) return void res.writeHead(503).end('busy');
      rx.alerts.push(JSON.parse(body) as (typeof rx.alerts)[number]);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

function makeHome(name: string, channels = true) {
  const home = join(root, name);
  mkdirSync(join(home, 'config'), { recursive: true });
  mkdirSync(join(home, 'logs'), { recursive: true });
  writeFileSync(
    join(home, 'config', 'config.yaml'),
    channels ? `alerts:\n  channels:\n    - { name: hook, type: webhook, url: "${url}", secretEnv: RUSTYBT_WATCH_HOOK_SECRET }\n` : 'logLevel: info\n',
  );
  return { home, env: { RUSTYBT_HOME: home, RUSTYBT_WATCH_HOOK_SECRET: SECRET } };
}

let seq = 0;
/** A contract line of the session into today's log file, as the runner writes it. */
function beat(home: string, session: string, at: number, event: 'heartbeat' | 'session_start' | 'session_stop' = 'heartbeat', reason = 'signal') {
  const common = { timestamp: timestampOf(at), level: 'info' as const, session, pid: 4242, version: '0.1.0' };
  const line =
    event === 'heartbeat'
      ? formatEvent({ ...common, event, seq: ++seq, state: 'RUNNING', equity: '10000' })
      : event === 'session_start'
        ? formatEvent({ ...common, event, heartbeat_interval_ms: 200, strategy: 'x.ts', broker: 'paper', mode: 'paper', resumed: false })
        : formatEvent({ ...common, event, reason: reason as 'signal' });
  appendFileSync(join(home, 'logs', logFileName(at)), `${line}\n`);
}

describe('rustybt watch --once (the systemd timer check)', { timeout: 120_000 }, () => {
  it('up, then down (one alert, not repeated), then resumed (one more alert); state kept owner-only', async () => {
    const { home, env } = makeHome('once');
    beat(home, 'w1', Date.now() - 1000, 'session_start');
    let r = await rustybtAsync(['watch', '--session', 'w1', '--stale', '60s', '--once'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^session w1: up \(last sign of life \d+ s ago, at .*Z\)\n$/);
    expect(rx.alerts.filter((a) => a.session === 'w1')).toEqual([]);

    // Two minutes of silence, as if the last beat was long ago: a fresh home sees only that old beat.
    const stale = makeHome('once-stale');
    const last = Date.now() - 120_000;
    beat(stale.home, 'w1', last);
    r = await rustybtAsync(['watch', '--session', 'w1', '--stale', '60s', '--once', '--json'], stale.env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ session: 'w1', state: 'down', alerted: true, staleMs: 60_000, alerts: { sent: 1, queued: 0 } });
    const down = rx.alerts.filter((a) => a.session === 'w1');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ id: `w1:watch:down:${last}`, event: 'heartbeat_stale', severity: 'critical' });
    expect(down[0]!.summary).toMatch(/^no heartbeat for 12\d s \(stale after 60 s\): the runner is down or hung$/);

    r = await rustybtAsync(['watch', '--session', 'w1', '--stale', '60s', '--once'], stale.env);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('alert raised');
    expect(rx.alerts.filter((a) => a.session === 'w1')).toHaveLength(1);

    beat(stale.home, 'w1', Date.now());
    r = await rustybtAsync(['watch', '--session', 'w1', '--stale', '60s', '--once'], stale.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^session w1: up .*, alert raised\n$/);
    const all = rx.alerts.filter((a) => a.session === 'w1');
    expect(all.map((a) => a.event)).toEqual(['heartbeat_stale', 'heartbeat_resumed']);
    expect(all[1]!.summary).toMatch(/^heartbeats resumed after 1\d\d s of silence$/);
    const stateFile = join(stale.home, 'state', 'w1.watch.json');
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ state: 'up' });
    expect(statSync(join(stale.home, 'state', 'w1.watch.alerts.db')).mode & 0o777).toBe(0o600);
  });

  it('a planned stop is not an outage; a stop on an error is', async () => {
    const { home, env } = makeHome('stops');
    beat(home, 'w3', Date.now() - 300_000, 'session_stop', 'signal');
    let r = await rustybtAsync(['watch', '--session', 'w3', '--once'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^session w3: stopped /);
    beat(home, 'w4', Date.now() - 300_000, 'session_stop', 'error');
    r = await rustybtAsync(['watch', '--session', 'w4', '--once'], env);
    expect(r.code).toBe(1);
    expect(rx.alerts.find((a) => a.session === 'w4')?.summary).toMatch(/^session stopped on an error 30\d s ago and has not restarted$/);
  });

  it('an alert the channel refuses stays queued and goes out with a later check, once', async () => {
    const { home, env } = makeHome('retry');
    beat(home, 'w5', Date.now() - 120_000);
    rx.failing = true;
    let r = await rustybtAsync(['watch', '--session', 'w5', '--once', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'down', alerted: true, alerts: { sent: 0, failed: 1, queued: 1 } });
    rx.failing = false;
    // The first retry is due ~1 s after the failure (backoff with jitter): wait past it, then check again.
    await new Promise((res) => setTimeout(res, 1500));
    r = await rustybtAsync(['watch', '--session', 'w5', '--once', '--json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'down', alerted: false, alerts: { sent: 1, queued: 0 } });
    expect(rx.alerts.filter((a) => a.session === 'w5').map((a) => a.event)).toEqual(['heartbeat_stale']);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('bad input: no channels, no such session, a bad --stale (exit 2, one line)', async () => {
    const none = makeHome('none', false);
    beat(none.home, 'w6', Date.now());
    let r = await rustybtAsync(['watch', '--session', 'w6', '--once'], none.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no alert channels in .*config\.yaml: alerts\.channels is empty\..*\n$/);
    const some = makeHome('nosession');
    beat(some.home, 'other', Date.now());
    r = await rustybtAsync(['watch', '--session', 'w7', '--once'], some.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: no heartbeat of session 'w7' in ${join(some.home, 'logs')} (paper-trade-YYYY-MM-DD.log (or .log.gz)). Check --session and --log-dir\n`,
    );
    r = await rustybtAsync(['watch', '--session', 'w7', '--stale', 'soon', '--once'], some.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: bad --stale 'soon'. Give a duration of at least 1s, such as 60s or 5m\n");
  });

  it("the systemd unit's command line is a working check", async () => {
    const exec = /^ExecStart=\S+ \S+rustybt\.js (.+)$/m.exec(readFileSync(UNIT, 'utf8'))?.[1];
    expect(exec).toBeDefined();
    const args = exec!.split(' ');
    const session = args[args.indexOf('--session') + 1]!;
    const { home, env } = makeHome('unit');
    beat(home, session, Date.now());
    const r = await rustybtAsync(args, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^session ${session}: up `));
  });
});

describe('rustybt watch (continuous, beside a live log)', { timeout: 120_000 }, () => {
  it('alerts when heartbeats stop and once more when they resume; SIGTERM ends it', async () => {
    const { home, env } = makeHome('live');
    beat(home, 'w2', Date.now(), 'session_start');
    let writing = true;
    const writer = setInterval(() => writing && beat(home, 'w2', Date.now()), 200);
    const child = spawn(process.execPath, [BIN, 'watch', '--session', 'w2', '--stale', '1s'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await until('the watcher reporting up', () => stdout.includes('session w2: up'));
      writing = false;
      await until('the down alert', () => rx.alerts.some((a) => a.session === 'w2' && a.event === 'heartbeat_stale'));
      writing = true;
      await until('the resumed alert', () => rx.alerts.some((a) => a.session === 'w2' && a.event === 'heartbeat_resumed'));
      expect(rx.alerts.filter((a) => a.session === 'w2').map((a) => a.event)).toEqual(['heartbeat_stale', 'heartbeat_resumed']);
      expect(stdout).toMatch(/session w2: down .*alert raised/);
    } finally {
      clearInterval(writer);
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
