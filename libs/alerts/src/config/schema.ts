import { z } from 'zod';
import { DURATION_HELP, parseDuration } from '@rustybt/core';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable (letters, digits, _)')
  .describe('Name of the environment variable (or credential-store entry) holding the secret; never the secret itself.');

/** A key that would hold a secret inline: always an error, pointing at the *Env key to use instead. */
const inlineSecret = (envKey: string) =>
  z.never({ error: `inline secrets are not allowed in config. Put the value in an environment variable and name it in ${envKey}` }).optional();

/** `5m`, `90s` or milliseconds. */
const duration = z.union([
  z.number().int().positive(),
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a positive duration: ${DURATION_HELP}` });
      return z.NEVER;
    }
    return ms;
  }),
]);

const timeoutMs = z.number().int().min(100).max(300_000).default(10_000).describe('Hard deadline of one delivery, body included, in ms.');
const channelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ., _ or -');

const emailChannel = z
  .object({
    type: z.literal('email'),
    name: channelName,
    // First, so an inline secret is the error reported (not the *Env key it should have used).
    user: inlineSecret('userEnv'),
    password: inlineSecret('passwordEnv'),
    pass: inlineSecret('passwordEnv'),
    auth: inlineSecret('userEnv and passwordEnv'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(587),
    secure: z.boolean().default(false).describe('true: TLS from the first byte (usually port 465); false: plain, upgraded by STARTTLS per `starttls`.'),
    starttls: z
      .enum(['auto', 'required', 'off'])
      .default('auto')
      .describe('With secure: false. auto: upgrade when offered; required: fail without it; off: never (plain).'),
    caFile: z.string().min(1).optional().describe('PEM file of a private CA that signed the server certificate.'),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    userEnv: envName.optional(),
    passwordEnv: envName.optional(),
    timeoutMs,
  })
  .strict()
  .refine((c) => (c.userEnv === undefined) === (c.passwordEnv === undefined), {
    message: 'userEnv and passwordEnv go together (SMTP auth needs both)',
    path: ['passwordEnv'],
  });

const webhookChannel = z
  .object({
    type: z.literal('webhook'),
    name: channelName,
    // First, so an inline secret is the error reported (not the *Env key it should have used).
    secret: inlineSecret('secretEnv'),
    url: z.url({ protocol: /^https?$/ }),
    secretEnv: envName,
    timeoutMs,
  })
  .strict();

const slackChannel = z
  .object({
    type: z.literal('slack'),
    name: channelName,
    // First, so an inline secret is the error reported (not the *Env key it should have used).
    url: inlineSecret('urlEnv'),
    webhookUrl: inlineSecret('urlEnv'),
    urlEnv: envName.describe('Environment variable holding the incoming-webhook URL (the URL is the credential).'),
    timeoutMs,
  })
  .strict();

const telegramChannel = z
  .object({
    type: z.literal('telegram'),
    name: channelName,
    // First, so an inline secret is the error reported (not the *Env key it should have used).
    token: inlineSecret('tokenEnv'),
    botToken: inlineSecret('tokenEnv'),
    tokenEnv: envName,
    chatId: z.union([z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/, 'must be a numeric chat id or @channelname'), z.number().int().transform(String)]),
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .default('https://api.telegram.org')
      .describe('Bot API base URL (a local Bot API server, tests).'),
    timeoutMs,
  })
  .strict();

export const channelConfigSchema = z.discriminatedUnion('type', [emailChannel, webhookChannel, slackChannel, telegramChannel]);
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type EmailChannelConfig = Extract<ChannelConfig, { type: 'email' }>;
export type WebhookChannelConfig = Extract<ChannelConfig, { type: 'webhook' }>;
export type SlackChannelConfig = Extract<ChannelConfig, { type: 'slack' }>;
export type TelegramChannelConfig = Extract<ChannelConfig, { type: 'telegram' }>;
export type ChannelType = ChannelConfig['type'];

const digestSchema = z
  .object({
    window: duration.default(300_000).describe('Length of a flood window.'),
    after: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(3)
      .describe('Alerts of one rule and event sent one by one per window; the rest go out as one digest when the window ends.'),
  })
  .strict();

const routeSchema = z
  .object({
    events: z.array(z.string().min(1)).min(1).default(['*']).describe("Event names this route takes ('*' = every event)."),
    minSeverity: severitySchema.default('info'),
    channels: z.array(channelName).min(1).optional().describe('Channel names (default: every channel).'),
    digest: digestSchema.optional().describe('Flood window of this route (default: rules.digest).'),
  })
  .strict();
export type RouteConfig = z.infer<typeof routeSchema>;

const rulesSchema = z
  .object({
    routes: z
      .array(routeSchema)
      .min(1)
      .default([{ events: ['*'], minSeverity: 'info' }])
      .describe('Which alerts go where; an alert goes to the channels of every route it matches.'),
    severity: z.record(z.string().min(1), severitySchema).default({}).describe('Severity per event, replacing the built-in one.'),
    digest: digestSchema.default({ window: 300_000, after: 3 }),
    rateLimit: z
      .object({
        burst: z.number().int().min(1).max(10_000).default(10),
        perMinute: z.number().min(0.01).max(60_000).default(20),
      })
      .strict()
      .default({ burst: 10, perMinute: 20 })
      .describe('Token bucket per channel: `burst` messages at once, refilled at `perMinute`.'),
    retry: z
      .object({
        maxAttempts: z.number().int().min(1).max(100).default(8),
        initialDelay: duration.default(1000),
        maxDelay: duration.default(300_000),
      })
      .strict()
      .default({ maxAttempts: 8, initialDelay: 1000, maxDelay: 300_000 })
      .describe('Exponential backoff with jitter; after maxAttempts a delivery is dead-lettered.'),
  })
  .strict();
export type AlertRules = z.infer<typeof rulesSchema>;

/** The `alerts:` section of config.yaml. */
export const alertsConfigSchema = z
  .object({
    channels: z.array(channelConfigSchema).default([]),
    rules: rulesSchema.default(() => rulesSchema.parse({})),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.channels.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'name'], message: `channel name '${c.name}' is used twice` });
      seen.set(c.name, i);
    });
    cfg.rules.routes.forEach((r, i) =>
      r.channels?.forEach((name, j) => {
        if (!seen.has(name)) ctx.addIssue({ code: 'custom', path: ['rules', 'routes', i, 'channels', j], message: `no channel named '${name}'` });
      }),
    );
  })
  .describe('Alert channels (email, webhook, slack, telegram) and the rules that route and rate-limit alerts (docs/alerts.md).');

export type AlertsConfig = z.infer<typeof alertsConfigSchema>;
export type AlertsConfigInput = z.input<typeof alertsConfigSchema>;
