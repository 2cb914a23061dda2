import type { Command } from 'commander';
import {
  addRevoked,
  issueToken,
  JTI_PATTERN,
  listIssued,
  loadApiSecret,
  parseTtl,
  readRevoked,
  recordIssued,
  revokedTokensPath,
  scopeSchema,
  SUBJECT_PATTERN,
  type IssuedToken,
} from '@rustybt/ops';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';

export interface TokenFlags {
  scope?: string;
  ttl?: string;
  subject?: string;
  revoke?: string;
  list?: boolean;
}

/**
 * `rustybt generate-api-token`: one line on stdout, a JWT for the runner's API; `--revoke <jti>`
 * persists a revocation every runner of this home sees on its next request; `--list` shows the
 * unexpired tokens issued here (never the token text).
 */
export async function runGenerateApiToken(flags: TokenFlags, cmd: Command): Promise<void> {
  const { layout, env } = loadEffectiveConfig(cmd);
  const nowSec = Math.floor(Date.now() / 1000);
  if (flags.list && flags.revoke !== undefined) throw new CliError('give --list or --revoke <jti>, not both');
  if (flags.list) {
    const revoked = new Set(readRevoked(revokedTokensPath(layout), nowSec).map((r) => r.jti));
    return printList(
      listIssued(layout, nowSec).map((t) => ({ ...t, revoked: revoked.has(t.jti) })),
      nowSec,
      globalsOf(cmd).json,
    );
  }
  if (flags.revoke !== undefined) {
    if (!JTI_PATTERN.test(flags.revoke))
      throw new CliError(`bad --revoke '${flags.revoke.slice(0, 70)}'. Give a token id (jti) as 'rustybt generate-api-token --list' shows it`);
    const { added, known } = addRevoked(layout, flags.revoke, nowSec);
    const who = known ? ` (${known.scope} token of ${known.sub})` : " (not in this home's token list; revoked anyway)";
    process.stdout.write(`${added ? 'revoked' : 'already revoked'} ${flags.revoke}${who}\n`);
    return;
  }
  const scope = scopeSchema.safeParse(flags.scope ?? 'read');
  if (!scope.success) throw new CliError(`bad --scope '${String(flags.scope).slice(0, 20)}'. Use read, trade or admin`);
  const subject = flags.subject ?? env.USER ?? 'operator';
  if (!SUBJECT_PATTERN.test(subject)) throw new CliError(`bad --subject '${subject.slice(0, 70)}'. Use up to 64 letters, digits and . _ @ -`);
  const ttlMs = parseTtl(flags.ttl ?? '12h');
  const secret = loadApiSecret({ env, layout, create: true })!;
  if (!secret.strength.strong) process.stderr.write(`warning: ${secret.where} is weak (${secret.strength.detail}); a runner refuses --bind with it\n`);
  const { token, claims } = await issueToken({ key: secret.key, scope: scope.data, subject, ttlMs });
  recordIssued(layout, { jti: claims.jti, sub: claims.sub, scope: claims.scope, iat: claims.iat, exp: claims.exp }, nowSec);
  process.stdout.write(`${token}\n`);
}

function printList(tokens: (IssuedToken & { revoked: boolean })[], nowSec: number, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ tokens: tokens.map((t) => ({ ...t, issuedAt: iso(t.iat), expiresAt: iso(t.exp) })) }, null, 2)}\n`);
    return;
  }
  if (tokens.length === 0) {
    process.stdout.write('no unexpired tokens issued here\n');
    return;
  }
  const lines = tokens.map(
    (t) => `${t.jti}  ${t.scope.padEnd(5)}  ${t.sub}  expires ${iso(t.exp)} (in ${left(t.exp - nowSec)})${t.revoked ? '  REVOKED' : ''}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

const iso = (sec: number) => new Date(sec * 1000).toISOString();
const left = (sec: number) =>
  sec >= 86_400 ? `${Math.floor(sec / 86_400)}d` : sec >= 3600 ? `${Math.floor(sec / 3600)}h` : `${Math.max(1, Math.floor(sec / 60))}m`;
