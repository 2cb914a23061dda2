import { isIP } from 'node:net';
import { InputError, loadApiSecret, RevocationList, revokedTokensPath, verifyToken, type HomeLayout } from '@rustybt/ops';
import type { ApiConfig } from '../config/api-schema';
import { isLoopback } from './host-check';
import type { AccessOptions } from './server';

export const DEFAULT_BIND = '127.0.0.1';

/** `--bind`: an address of this machine (IPv4 or IPv6) or localhost; an InputError otherwise. */
export function checkBind(text: string): string {
  const host = text.trim();
  if (host === 'localhost' || isIP(host) !== 0) return host === 'localhost' ? DEFAULT_BIND : host;
  throw new InputError(`bad --bind '${text.slice(0, 60)}'. Give an address such as 127.0.0.1, 0.0.0.0 or 10.0.0.5`);
}

export interface AccessSettings {
  bind: string;
  api?: ApiConfig;
  env: Record<string, string | undefined>;
  layout: HomeLayout;
}

/**
 * Who may use the runner's API. On loopback /status and /metrics are open unless `api.auth: required`;
 * beyond loopback the runner refuses to start unless config says `api.auth: required` and the API
 * secret is strong. Tokens are checked against the secret and the revocation list of this home
 * (re-read when it changes). The secret file is created on first use, like generate-api-token does.
 */
export function resolveAccess(s: AccessSettings): Omit<AccessOptions, 'onAuthFailure' | 'onError'> {
  const required = s.api?.auth === 'required';
  const exposed = !isLoopback(s.bind);
  if (exposed && !required) {
    throw new InputError(
      `--bind ${s.bind} exposes the API beyond this machine, and config.yaml does not say api: { auth: required }. Add it (then every request needs a token), or drop --bind`,
    );
  }
  const secret = loadApiSecret({ env: s.env, layout: s.layout, create: true })!;
  if (exposed && !secret.strength.strong) {
    throw new InputError(
      `--bind ${s.bind} needs a strong API secret, and ${secret.where} is weak (${secret.strength.detail}). Set it to 32 random bytes (openssl rand -hex 32) or remove it to use a generated one`,
    );
  }
  const revoked = new RevocationList(revokedTokensPath(s.layout));
  return {
    host: s.bind,
    authRequired: required || exposed,
    publicNames: s.api?.publicNames ?? [],
    maxConnections: s.api?.maxConnections ?? 64,
    verify: (token, scope) => verifyToken(token, { key: secret.key, requiredScope: scope, isRevoked: (jti) => revokedOrUnreadable(revoked, jti) }),
  };
}

/** A damaged revocation list refuses every token: failing closed beats honouring a revoked one. */
function revokedOrUnreadable(list: RevocationList, jti: string): boolean {
  try {
    return list.has(jti, Math.floor(Date.now() / 1000));
  } catch {
    return true;
  }
}
