import type { Command } from 'commander';
import { issueToken, loadApiSecret } from '@rustybt/ops';
import { sessionEndpoint } from '@rustybt/paper-runner';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { knowSecrets } from '../stderr-redaction';

export interface KillSwitchFlags {
  session?: string;
  url?: string;
  token?: string;
  cancelOpen?: boolean;
}

const LOOPBACK_URL = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\/?$/;

/**
 * `rustybt halt` / `rustybt resume`: POST /halt or /resume to the session's runner. The endpoint is
 * --url, else the one the running session recorded on this host. The token is --token, else
 * RUSTYBT_API_TOKEN, else (a runner on this host's loopback) a two-minute trade token minted with
 * this home's API secret: whoever can read that secret can mint tokens anyway.
 */
export async function runKillSwitch(action: 'halt' | 'resume', flags: KillSwitchFlags, cmd: Command): Promise<void> {
  const { layout, env } = loadEffectiveConfig(cmd);
  if (flags.url !== undefined && !/^https?:\/\/[^\s/?#]+\/?$/.test(flags.url))
    throw new CliError(`bad --url '${flags.url.slice(0, 80)}'. Give the runner's endpoint, e.g. http://127.0.0.1:9464`);
  const endpoint = flags.url === undefined ? sessionEndpoint(layout.state, flags.session) : undefined;
  const url = flags.url ?? endpoint?.url;
  const label = endpoint?.session ?? flags.session ?? url;
  if (!url) throw new CliError(`session '${endpoint?.session}' is not running on this host (it recorded no endpoint). Start it, or pass --url`);
  const token = flags.token ?? (env.RUSTYBT_API_TOKEN?.trim() || undefined) ?? (await localToken(url, env, layout));
  knowSecrets([token]);
  const res = await post(`${url.replace(/\/+$/, '')}/${action}`, token, action === 'halt' ? { cancelOpen: flags.cancelOpen === true } : {});
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 401 || res.status === 403) {
    const reason = typeof body.reason === 'string' && /^[a-z-]{1,40}$/.test(body.reason) ? `: ${body.reason}` : '';
    throw new CliError(
      `the runner at ${url} refused the ${action} (${res.status}${reason}). Use a token with scope trade: rustybt generate-api-token --scope trade`,
    );
  }
  if (res.status === 404) throw new CliError(`the runner at ${url} has no kill switch (404). Upgrade that runner`, 1);
  if (!res.ok) throw new CliError(`the runner at ${url} answered ${res.status} to ${action}. Check its logs`, 1);
  if (globalsOf(cmd).json) process.stdout.write(`${JSON.stringify(body)}\n`);
  else process.stdout.write(`${describe(action, String(label), body)}\n`);
}

function describe(action: 'halt' | 'resume', label: string, body: Record<string, unknown>): string {
  const state = typeof body.state === 'string' ? body.state : '?';
  if (action === 'resume') return `session ${label}: ${state}${body.changed === false ? ' (was not halted)' : ''}`;
  const cancelled = typeof body.cancelled === 'number' ? body.cancelled : 0;
  return `session ${label}: ${state}${body.changed === false ? ' (was already halted)' : ''}; ${body.cancelOpen ? `${cancelled} open orders cancelled` : 'open orders kept'}`;
}

async function localToken(url: string, env: Record<string, string | undefined>, layout: Parameters<typeof loadApiSecret>[0]['layout']): Promise<string> {
  const secret = LOOPBACK_URL.test(url) ? loadApiSecret({ env, layout }) : undefined;
  if (!secret) throw new CliError(`no token for ${url}. Pass --token or set RUSTYBT_API_TOKEN (rustybt generate-api-token --scope trade)`);
  return (await issueToken({ key: secret.key, scope: 'trade', subject: 'local-cli', ttlMs: 120_000 })).token;
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new CliError(`the runner at ${url.replace(/\/(halt|resume)$/, '')} does not answer (${cause}). Check that the session is running and the --url`, 1);
  }
}
