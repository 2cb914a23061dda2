import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { createChannel, DeliveryError, type AlertsConfig, type ChannelConfig } from '@rustybt/alerts';
import { redactText, secretValuesFromEnv } from '@rustybt/core';
import type { TestAlertsFlags } from './test-alerts-flags';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { configuredChannels } from './configured-channels';

export interface ChannelResult {
  name: string;
  type: ChannelConfig['type'];
  status: 'PASS' | 'FAIL';
  /** The SMTP reply or HTTP status; on FAIL, what went wrong (redacted). */
  detail: string;
  latencyMs: number;
}

async function tryChannel(c: ChannelConfig, env: Record<string, string | undefined>, id: string): Promise<ChannelResult> {
  const started = performance.now();
  const result = (status: ChannelResult['status'], detail: string): ChannelResult => ({
    name: c.name,
    type: c.type,
    status,
    detail,
    latencyMs: Math.round(performance.now() - started),
  });
  try {
    const channel = createChannel(c, (name) => env[name] || undefined);
    const receipt = await channel.send({
      id: `${id}-${c.name}`,
      event: 'test',
      severity: 'info',
      session: 'test-alerts',
      summary: `test alert from rustybt test-alerts on ${hostname()}`,
      details: { channel: c.name, host: hostname(), note: 'sent by rustybt test-alerts; nothing is wrong' },
      at: Date.now(),
    });
    return result('PASS', receipt.detail);
  } catch (err) {
    return result('FAIL', err instanceof DeliveryError ? `${err.message}${err.retryable ? '' : ' (final)'}` : err instanceof Error ? err.message : String(err));
  }
}

function formatText(results: readonly ChannelResult[]): string {
  const nameWidth = Math.max(7, ...results.map((r) => r.name.length));
  const lines = results.map((r) => `${r.status}  ${r.name.padEnd(nameWidth)}  ${r.type.padEnd(8)}  ${`${r.latencyMs} ms`.padStart(8)}  ${r.detail}`);
  const failed = results.filter((r) => r.status === 'FAIL').length;
  lines.push(failed === 0 ? `all ${results.length} channel(s) delivered` : `${failed} of ${results.length} channel(s) failed`);
  return `${lines.join('\n')}\n`;
}

/** `rustybt test-alerts`: one test message per channel, all at once, each within its own timeout. */
export async function runTestAlerts(opts: TestAlertsFlags, cmd: Command): Promise<void> {
  const loaded = loadEffectiveConfig(cmd);
  const channels = selectChannels(configuredChannels(loaded), opts.channel, loaded.configFile);
  const id = `test-${randomUUID()}`;
  const results = await Promise.all(channels.map((c) => tryChannel(c, loaded.env, id)));
  // Channels redact their own secrets; this also covers every secret-named variable of the environment.
  const secrets = secretValuesFromEnv(loaded.env);
  const text = globalsOf(cmd).json
    ? `${JSON.stringify({ result: results.every((r) => r.status === 'PASS') ? 'PASS' : 'FAIL', channels: results }, null, 2)}\n`
    : formatText(results);
  process.stdout.write(redactText(text, secrets));
  if (results.some((r) => r.status === 'FAIL')) process.exitCode = 1;
}

function selectChannels(config: AlertsConfig, name: string | undefined, file: string | undefined): ChannelConfig[] {
  if (name === undefined) return config.channels;
  const found = config.channels.find((c) => c.name === name);
  if (!found)
    throw new CliError(
      `no alert channel named '${name}' in ${file ?? 'config.yaml'} (alerts.channels has ${config.channels.map((c) => c.name).join(', ')}). Pick one of those`,
    );
  return [found];
}
