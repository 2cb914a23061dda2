import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertsConfigSchema } from './schema';

const email = {
  type: 'email',
  name: 'ops-mail',
  host: 'smtp.example.com',
  port: 587,
  secure: false,
  from: 'bot@example.com',
  to: ['ops@example.com'],
  userEnv: 'RUSTYBT_SMTP_USER',
  passwordEnv: 'RUSTYBT_SMTP_PASSWORD',
};
const hook = { type: 'webhook', name: 'hook', url: 'https://ops.example.com/rustybt', secretEnv: 'RUSTYBT_WEBHOOK_SECRET' };
const slack = { type: 'slack', name: 'slack', urlEnv: 'RUSTYBT_SLACK_WEBHOOK_URL' };
const tg = { type: 'telegram', name: 'tg', tokenEnv: 'RUSTYBT_TELEGRAM_TOKEN', chatId: '-100123' };

const issue = (input: unknown) => {
  const r = alertsConfigSchema.safeParse(input);
  return r.success ? undefined : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
};

describe('alerts config', () => {
  it("parses the contract's example with defaults filled in", () => {
    const c = alertsConfigSchema.parse({ channels: [email, hook, slack, tg] });
    expect(c.channels.map((x) => x.name)).toEqual(['ops-mail', 'hook', 'slack', 'tg']);
    expect(c.channels[0]).toMatchObject({ starttls: 'auto', timeoutMs: 10_000 });
    expect(c.channels[3]).toMatchObject({ apiUrl: 'https://api.telegram.org' });
    expect(c.rules).toEqual({
      routes: [{ events: ['*'], minSeverity: 'info' }],
      severity: {},
      digest: { window: 300_000, after: 3 },
      rateLimit: { burst: 10, perMinute: 20 },
      retry: { maxAttempts: 8, initialDelay: 1000, maxDelay: 300_000 },
    });
    expect(alertsConfigSchema.parse({})).toMatchObject({ channels: [] });
  });

  it('reads durations and route rules', () => {
    const c = alertsConfigSchema.parse({
      channels: [hook, tg],
      rules: {
        routes: [{ events: ['risk_halt'], minSeverity: 'critical', channels: ['tg'], digest: { window: '10m', after: 1 } }],
        retry: { initialDelay: '2s' },
      },
    });
    expect(c.rules.routes[0]).toEqual({ events: ['risk_halt'], minSeverity: 'critical', channels: ['tg'], digest: { window: 600_000, after: 1 } });
    expect(c.rules.retry.initialDelay).toBe(2000);
  });

  it.each([
    [{ ...email, password: 'hunter2' }, 'channels.0.password', 'passwordEnv'],
    [{ ...email, user: 'bot' }, 'channels.0.user', 'userEnv'],
    [{ ...hook, secret: 's3cret' }, 'channels.0.secret', 'secretEnv'],
    [{ ...slack, url: 'https://hooks.slack.com/services/T/B/x' }, 'channels.0.url', 'urlEnv'],
    [{ ...tg, token: '123:abc' }, 'channels.0.token', 'tokenEnv'],
  ])('an inline secret is an error naming the key to use instead (%#)', (channel, path, envKey) => {
    const i = issue({ channels: [channel] });
    expect(i?.path).toBe(path);
    expect(i?.message).toContain(`inline secrets are not allowed`);
    expect(i?.message).toContain(envKey);
  });

  it('rejects duplicate names, routes to unknown channels, half an SMTP login, bad env names', () => {
    expect(issue({ channels: [hook, hook] })).toEqual({ path: 'channels.1.name', message: "channel name 'hook' is used twice" });
    expect(issue({ channels: [hook], rules: { routes: [{ channels: ['nope'] }] } })).toEqual({
      path: 'rules.routes.0.channels.0',
      message: "no channel named 'nope'",
    });
    expect(issue({ channels: [{ ...email, userEnv: undefined }] })?.path).toBe('channels.0.passwordEnv');
    expect(issue({ channels: [{ ...hook, secretEnv: 'not a name' }] })?.path).toBe('channels.0.secretEnv');
    expect(issue({ channels: [{ ...hook, url: 'ftp://x' }] })?.path).toBe('channels.0.url');
    expect(issue({ rules: { digest: { window: '5 minutes' } } })?.path).toBe('rules.digest.window');
    expect(issue({ channels: [{ ...hook, type: 'discord' }] })?.path).toBe('channels.0.type');
  });

  it('never throws on any input, and an accepted config never holds a secret-named value (fuzz)', () => {
    const secretKey = fc.constantFrom('password', 'pass', 'secret', 'token', 'botToken', 'url', 'webhookUrl', 'user', 'auth');
    const channel = fc.record({
      base: fc.constantFrom(email, hook, slack, tg),
      extra: fc.dictionary(fc.oneof(secretKey, fc.string({ maxLength: 8 })), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              channels: fc.array(
                channel.map((c) => ({ ...c.base, ...c.extra })),
                { maxLength: 4 },
              ),
              rules: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        (input) => {
          const r = alertsConfigSchema.safeParse(input);
          if (!r.success) {
            // The message never echoes a value the user wrote.
            for (const i of r.error.issues) expect(typeof i.message).toBe('string');
            return;
          }
          for (const c of r.data.channels) {
            for (const key of ['password', 'pass', 'secret', 'token', 'botToken', 'webhookUrl', 'user', 'auth'])
              expect((c as Record<string, unknown>)[key]).toBeUndefined();
            if (c.type === 'slack') expect((c as Record<string, unknown>).url).toBeUndefined();
          }
        },
      ),
      { numRuns: 500, seed: 15 },
    );
  });
});
