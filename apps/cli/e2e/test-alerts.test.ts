import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '@rustybt/alerts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult } from './run-cli';

const CANARY = { smtp: 'canary-smtp-pass-Yt61', hook: 'canary-hook-secret-Ux02', slack: 'canary-slack-path-Jw88', tg: '4242:canary-tg-token-Qp19' };

/** The built CLI in a child process, without blocking this process: the receivers below must answer meanwhile. */
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

interface Mail {
  from: string;
  to: string[];
  user: unknown;
  raw: string;
}

const mails: Mail[] = [];
const requests: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let http: ReturnType<typeof createServer>;
let base = '';
const home = mkdtempSync(join(tmpdir(), 'rustybt-test-alerts-'));

beforeAll(async () => {
  smtp = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _s, cb) =>
      auth.username === 'bot' && auth.password === CANARY.smtp ? cb(null, { user: 'bot' }) : cb(new Error('Invalid username or password')),
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp as unknown as { server: { address(): AddressInfo } }).server.address().port;
  http = createServer((req, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/hook') {
        const v = verifySignature({ body, header: req.headers['x-rustybt-signature'] as string, secret: CANARY.hook });
        return void res.writeHead(v.ok ? 200 : 401).end(v.ok ? 'ok' : v.reason);
      }
      if (req.url === '/broken') return void res.writeHead(503).end('maintenance');
      if (req.url?.startsWith('/bot')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{}}');
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  http.closeAllConnections();
  await new Promise<void>((r) => http.close(() => r()));
  rmSync(home, { recursive: true, force: true });
});

function homeWith(name: string, yaml: string): { env: Record<string, string>; file: string } {
  const dir = join(home, name);
  mkdirSync(join(dir, 'config'), { recursive: true });
  const file = join(dir, 'config', 'config.yaml');
  writeFileSync(file, yaml);
  return {
    file,
    env: {
      RUSTYBT_HOME: dir,
      RUSTYBT_SMTP_USER: 'bot',
      RUSTYBT_SMTP_PASSWORD: CANARY.smtp,
      RUSTYBT_WEBHOOK_SECRET: CANARY.hook,
      RUSTYBT_SLACK_WEBHOOK_URL: `${base}/services/T0/B0/${CANARY.slack}`,
      RUSTYBT_TELEGRAM_TOKEN: CANARY.tg,
    },
  };
}

const allChannels = () => `alerts:
  channels:
    - { name: ops-mail, type: email, host: 127.0.0.1, port: ${smtpPort}, starttls: "off", from: bot@example.com, to: [ops@example.com, oncall@example.com], userEnv: RUSTYBT_SMTP_USER, passwordEnv: RUSTYBT_SMTP_PASSWORD }
    - { name: hook, type: webhook, url: "${base}/hook", secretEnv: RUSTYBT_WEBHOOK_SECRET }
    - { name: slack, type: slack, urlEnv: RUSTYBT_SLACK_WEBHOOK_URL }
    - { name: tg, type: telegram, tokenEnv: RUSTYBT_TELEGRAM_TOKEN, chatId: "-100123", apiUrl: "${base}" }
`;

const noCanary = (r: CliResult) => {
  for (const c of Object.values(CANARY)) expect(r.stdout + r.stderr).not.toContain(c);
};

describe('rustybt test-alerts', { timeout: 120_000 }, () => {
  it('delivers a test alert through every channel: PASS with the SMTP reply or HTTP status and the latency', async () => {
    const { env } = homeWith('all', allChannels());
    const r = await rustybtAsync(['test-alerts'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PASS {2}ops-mail +email +\d+ ms {2}250 /);
    expect(lines[1]).toMatch(/^PASS {2}hook +webhook +\d+ ms {2}HTTP 200$/);
    expect(lines[2]).toMatch(/^PASS {2}slack +slack +\d+ ms {2}HTTP 200$/);
    expect(lines[3]).toMatch(/^PASS {2}tg +telegram +\d+ ms {2}HTTP 200$/);
    expect(lines[4]).toBe('all 4 channel(s) delivered');
    const mail = mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'bot@example.com', to: ['ops@example.com', 'oncall@example.com'], user: 'bot' });
    expect(mail.raw).toMatch(/^Subject: \[INFO\] test-alerts: test alert from rustybt test-alerts on /m);
    expect(requests.some((q) => q.path === `/bot${CANARY.tg}/sendMessage` && (JSON.parse(q.body) as { chat_id: string }).chat_id === '-100123')).toBe(true);
    expect(requests.some((q) => q.path === `/services/T0/B0/${CANARY.slack}`)).toBe(true);
    const hook = requests.find((q) => q.path === '/hook')!;
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'test', severity: 'info', session: 'test-alerts' });
    noCanary(r);
  });

  it('--channel tests one channel; --json prints the results', async () => {
    const { env } = homeWith('one', allChannels());
    const before = requests.length;
    const r = await rustybtAsync(['test-alerts', '--channel', 'hook', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { result: string; channels: { name: string; type: string; status: string; detail: string; latencyMs: number }[] };
    expect(out.result).toBe('PASS');
    expect(out.channels).toHaveLength(1);
    expect(out.channels[0]).toMatchObject({ name: 'hook', type: 'webhook', status: 'PASS', detail: 'HTTP 200' });
    expect(out.channels[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(requests.length).toBe(before + 1);
    noCanary(r);
  });

  it('a channel that fails is FAIL with what it said, and the exit status is 1; a missing secret is a FAIL naming the variable', async () => {
    const { env } = homeWith(
      'fail',
      `alerts:\n  channels:\n    - { name: down, type: webhook, url: "${base}/broken", secretEnv: RUSTYBT_WEBHOOK_SECRET }\n    - { name: unset, type: slack, urlEnv: RUSTYBT_NOT_SET_URL }\n    - { name: hook, type: webhook, url: "${base}/hook", secretEnv: RUSTYBT_WEBHOOK_SECRET }\n`,
    );
    const r = await rustybtAsync(['test-alerts'], env);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FAIL {2}down +webhook +\d+ ms {2}HTTP 503: maintenance$/);
    expect(lines[1]).toMatch(/^FAIL {2}unset +slack +\d+ ms {2}alerts channel 'unset' \(urlEnv\): RUSTYBT_NOT_SET_URL is not set\./);
    expect(lines[2]).toMatch(/^PASS {2}hook /);
    expect(lines[3]).toBe('2 of 3 channel(s) failed');
    noCanary(r);
  });

  it('no channels, an unknown --channel and an inline secret are input errors (exit 2) naming the file and key', async () => {
    const none = homeWith('none', 'logLevel: info\n');
    let r = await rustybtAsync(['test-alerts'], none.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: no alert channels in ${none.file}: alerts.channels is empty. Add a channel (docs/alerts.md) or pass --config\n`);

    const some = homeWith('some', allChannels());
    r = await rustybtAsync(['test-alerts', '--channel', 'pager'], some.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: no alert channel named 'pager' in .*config\.yaml \(alerts\.channels has ops-mail, hook, slack, tg\)\. Pick one of those\n$/,
    );

    const inline = homeWith('inline', `alerts:\n  channels:\n    - name: hook\n      type: webhook\n      url: "${base}/hook"\n      secret: ${CANARY.hook}\n`);
    r = await rustybtAsync(['test-alerts'], inline.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${inline.file}:6: alerts.channels.0.secret: inline secrets are not allowed in config. Put the value in an environment variable and name it in secretEnv. See 'rustybt config schema' for the allowed keys and values\n`,
    );
    expect(r.stdout).toBe('');
    noCanary(r);
  });
});
