import { alertIdOf, createChannel, envSecrets, type Alert, type Channel, type ChannelConfig } from '@rustybt/alerts';
import type { ValidateSetup } from './setup';

export interface BuiltChannels {
  channels: Channel[];
  /** Channels that could not be built, with why (a secret variable not set, a CA file unreadable). */
  problems: { name: string; message: string }[];
  configured: ChannelConfig[];
}

/** The alert channels of config.yaml, each built with its secrets from the environment. */
export function alertChannels(s: ValidateSetup): BuiltChannels {
  const configured = s.loaded.config.alerts?.channels ?? [];
  const channels: Channel[] = [];
  const problems: BuiltChannels['problems'] = [];
  for (const c of configured) {
    try {
      channels.push(createChannel(c, envSecrets(s.env)));
    } catch (err) {
      problems.push({ name: c.name, message: (err as Error).message });
    }
  }
  return { channels, problems, configured };
}

/** An alert from `rustybt validate` (the test alert, the summary). */
export function validateAlert(event: string, severity: Alert['severity'], summary: string, details: Record<string, unknown>, at = Date.now()): Alert {
  const base = { event, severity, session: 'validate', summary, details, at };
  return { ...base, id: alertIdOf(base) };
}

/** Sends one alert through every channel at once; each result is what its far end said, or the error. */
export async function sendToAll(channels: readonly Channel[], alert: Alert): Promise<{ name: string; ok: boolean; detail: string }[]> {
  return Promise.all(
    channels.map(async (ch) => {
      try {
        return { name: ch.name, ok: true, detail: (await ch.send(alert)).detail };
      } catch (err) {
        return { name: ch.name, ok: false, detail: (err as Error).message };
      }
    }),
  );
}
