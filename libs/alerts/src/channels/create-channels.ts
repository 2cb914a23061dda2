import { readFileSync } from 'node:fs';
import type { ChannelConfig } from '../config/schema';
import type { Channel } from './channel';
import { EmailChannel } from './email';
import { SlackChannel } from './slack';
import { TelegramChannel } from './telegram';
import { WebhookChannel } from './webhook';

/** Looks a secret up by the name config gives (an environment variable, a credential-store entry). */
export type SecretResolver = (name: string) => string | undefined;

/** The environment as a resolver: the default when the caller injects none. */
export const envSecrets =
  (env: Record<string, string | undefined> = process.env): SecretResolver =>
  (name) => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };

/** A channel that cannot be built from its config (a secret not set, a CA file unreadable). exitCode 2: input. */
export class ChannelConfigError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly channel: string,
    readonly key: string,
    message: string,
  ) {
    super(`alerts channel '${channel}' (${key}): ${message}`);
    this.name = 'ChannelConfigError';
  }
}

function need(c: ChannelConfig, key: string, name: string, resolve: SecretResolver): string {
  const value = resolve(name);
  if (value === undefined) throw new ChannelConfigError(c.name, key, `${name} is not set. Set the environment variable or store it in the credential store`);
  return value;
}

/** One channel from its config; secrets are read here, once, and live only inside the channel. */
export function createChannel(c: ChannelConfig, resolve: SecretResolver = envSecrets()): Channel {
  switch (c.type) {
    case 'email': {
      const auth = c.userEnv && c.passwordEnv ? { user: need(c, 'userEnv', c.userEnv, resolve), password: need(c, 'passwordEnv', c.passwordEnv, resolve) } : {};
      let ca: string | undefined;
      if (c.caFile) {
        try {
          ca = readFileSync(c.caFile, 'utf8');
        } catch (err) {
          throw new ChannelConfigError(c.name, 'caFile', `cannot read ${c.caFile} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check the path`);
        }
      }
      return new EmailChannel(c, { ...auth, ...(ca ? { ca } : {}) });
    }
    case 'webhook':
      return new WebhookChannel(c, need(c, 'secretEnv', c.secretEnv, resolve));
    case 'slack': {
      const url = need(c, 'urlEnv', c.urlEnv, resolve);
      if (!/^https?:\/\//.test(url))
        throw new ChannelConfigError(c.name, 'urlEnv', `${c.urlEnv} does not hold an http(s) URL. Set it to the incoming-webhook URL`);
      return new SlackChannel(c, url);
    }
    case 'telegram':
      return new TelegramChannel(c, need(c, 'tokenEnv', c.tokenEnv, resolve));
  }
}
