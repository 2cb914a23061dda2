import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsConfigSchema, createChannel, DeliveryError, type Alert, type EmailChannelConfig } from '../src/index';
import { selfSignedCert } from './support/self-signed-cert';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver';

const PASSWORD = 'canary-smtp-pw-7Hq2Zx';
const alert: Alert = {
  id: 'a1b2c3',
  event: 'broker_disconnected',
  severity: 'critical',
  session: 'paper-1',
  summary: 'broker binance disconnected',
  details: { broker: 'binance', message: 'ECONNRESET' },
  at: Date.UTC(2026, 2, 1, 12, 0, 0),
};

const emailConfig = (over: Record<string, unknown>): EmailChannelConfig =>
  alertsConfigSchema.parse({
    channels: [
      { type: 'email', name: 'mail', host: '127.0.0.1', from: 'bot@example.com', to: ['ops@example.com', 'oncall@example.com'], timeoutMs: 5000, ...over },
    ],
  }).channels[0] as EmailChannelConfig;

const env = { RUSTYBT_SMTP_USER: 'bot', RUSTYBT_SMTP_PASSWORD: PASSWORD };
const resolve = (name: string) => env[name as keyof typeof env];

function expectMail(m: SmtpReceiver['mails'][number]) {
  expect(m.from).toBe('bot@example.com');
  expect(m.to).toEqual(['ops@example.com', 'oncall@example.com']);
  expect(m.subject).toBe('[CRITICAL] paper-1: broker binance disconnected');
  expect(m.headers['x-rustybt-alert-id']).toBe('a1b2c3');
  expect(m.body).toContain('event: broker_disconnected');
  expect(m.body).toContain('message: ECONNRESET');
  expect(m.body).toContain('at: 2026-03-01T12:00:00.000Z');
  expect(m.raw).not.toContain(PASSWORD);
}

describe('email channel against a real SMTP server on loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-alerts-smtp-'));
  const tls = selfSignedCert();
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plain SMTP without auth: sender, recipients, subject and body arrive', async () => {
    const smtp = await startSmtpReceiver({ disabledCommands: ['AUTH', 'STARTTLS'] });
    try {
      const ch = createChannel(emailConfig({ port: smtp.port, starttls: 'off' }), resolve);
      const receipt = await ch.send(alert);
      expect(receipt.detail).toMatch(/^250 /);
      const [m] = await smtp.waitFor(1);
      expectMail(m!);
      expect(m!.secure).toBe(false);
      expect(m!.user).toBeUndefined();
    } finally {
      await smtp.close();
    }
  });

  it('STARTTLS required, with auth: the mail arrives encrypted and authenticated', async () => {
    const smtp = await startSmtpReceiver({ key: tls.key, cert: tls.cert, users: { bot: PASSWORD } });
    try {
      const ch = createChannel(
        emailConfig({ port: smtp.port, starttls: 'required', caFile, userEnv: 'RUSTYBT_SMTP_USER', passwordEnv: 'RUSTYBT_SMTP_PASSWORD' }),
        resolve,
      );
      expect((await ch.send(alert)).detail).toMatch(/^250 /);
      const [m] = await smtp.waitFor(1);
      expectMail(m!);
      expect(m!.secure).toBe(true);
      expect(m!.user).toBe('bot');
    } finally {
      await smtp.close();
    }
  });

  it('TLS from the first byte (secure: true), with auth', async () => {
    const smtp = await startSmtpReceiver({ secure: true, key: tls.key, cert: tls.cert, users: { bot: PASSWORD } });
    try {
      const ch = createChannel(
        emailConfig({ port: smtp.port, secure: true, caFile, userEnv: 'RUSTYBT_SMTP_USER', passwordEnv: 'RUSTYBT_SMTP_PASSWORD' }),
        resolve,
      );
      expect((await ch.send(alert)).detail).toMatch(/^250 /);
      const [m] = await smtp.waitFor(1);
      expectMail(m!);
      expect(m!.secure).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it('a wrong password is a final failure (535) whose message holds no secret', async () => {
    const smtp = await startSmtpReceiver({ key: tls.key, cert: tls.cert, users: { bot: 'the-right-one' } });
    try {
      const ch = createChannel(
        emailConfig({ port: smtp.port, starttls: 'required', caFile, userEnv: 'RUSTYBT_SMTP_USER', passwordEnv: 'RUSTYBT_SMTP_PASSWORD' }),
        resolve,
      );
      const err = await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as DeliveryError).retryable).toBe(false);
      expect((err as DeliveryError).message).toMatch(/535/);
      expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain(PASSWORD);
      expect(smtp.mails).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('a certificate the client does not trust fails the STARTTLS handshake (retryable)', async () => {
    const smtp = await startSmtpReceiver({ key: tls.key, cert: tls.cert });
    try {
      const ch = createChannel(emailConfig({ port: smtp.port, starttls: 'required' }), resolve);
      const err = (await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err.message).toMatch(/certificate/i);
      expect(smtp.mails).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  describe('a server that accepts and never greets', () => {
    let server: Server;
    let port = 0;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((s) => void sockets.push(s));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it('the send ends at its deadline with a retryable timeout', async () => {
      const ch = createChannel(emailConfig({ port, starttls: 'off', timeoutMs: 300 }), resolve);
      const err = (await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err.retryable).toBe(true);
      expect(err.message).toMatch(/time/i);
    });
  });
});
