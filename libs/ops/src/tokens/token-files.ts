import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';
import { OWNER_FILE_MODE } from '../files/owner-only';
import type { HomeLayout } from '../home';
import { scopeSchema } from './scope';

export const JTI_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const issuedSchema = z
  .object({ jti: z.string().regex(JTI_PATTERN), sub: z.string(), scope: scopeSchema, iat: z.number().int(), exp: z.number().int() })
  .strict();
/** What `--list` shows of an issued token: never the token itself. Times in seconds since the epoch, as in the JWT. */
export type IssuedToken = z.infer<typeof issuedSchema>;
const issuedFileSchema = z.object({ version: z.literal(1), tokens: z.array(issuedSchema) }).strict();

const revokedSchema = z.object({ jti: z.string().regex(JTI_PATTERN), revokedAt: z.number().int(), exp: z.number().int().nullable() }).strict();
const revokedFileSchema = z.object({ version: z.literal(1), revoked: z.array(revokedSchema) }).strict();
export type RevokedToken = z.infer<typeof revokedSchema>;

export const issuedTokensPath = (layout: HomeLayout) => join(layout.config, 'api-tokens.json');
export const revokedTokensPath = (layout: HomeLayout) => join(layout.config, 'revoked-tokens.json');

function readJson<T>(path: string, schema: z.ZodType<T>, empty: T): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw new InputError(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that you own it`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new InputError(
      `${path} is damaged (not a rustybt token list). Restore it from a backup, or delete it (revoked tokens then work again until they expire)`,
    );
  return parsed.data;
}

const write = (path: string, data: unknown) => writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { mode: OWNER_FILE_MODE });

/** Issued tokens that have not expired, oldest first. */
export function listIssued(layout: HomeLayout, nowSec: number): IssuedToken[] {
  return readJson(issuedTokensPath(layout), issuedFileSchema, { version: 1, tokens: [] }).tokens.filter((t) => t.exp > nowSec);
}

/** Records an issued token (expired ones are dropped on the way). */
export function recordIssued(layout: HomeLayout, token: IssuedToken, nowSec: number): void {
  write(issuedTokensPath(layout), { version: 1, tokens: [...listIssued(layout, nowSec), token] });
}

/** Every revocation still worth keeping (the token has not expired, or its expiry is unknown). */
export function readRevoked(path: string, nowSec: number): RevokedToken[] {
  return readJson(path, revokedFileSchema, { version: 1, revoked: [] }).revoked.filter((r) => r.exp === null || r.exp > nowSec);
}

/** Adds a revocation; true when it is new. */
export function addRevoked(layout: HomeLayout, jti: string, nowSec: number): { added: boolean; known: IssuedToken | undefined } {
  const path = revokedTokensPath(layout);
  const revoked = readRevoked(path, nowSec);
  const known = listIssued(layout, nowSec).find((t) => t.jti === jti);
  if (revoked.some((r) => r.jti === jti)) return { added: false, known };
  write(path, { version: 1, revoked: [...revoked, { jti, revokedAt: nowSec, exp: known?.exp ?? null }] });
  return { added: true, known };
}

/**
 * The revoked ids as the runner sees them: re-read only when the file changes (a stat per check),
 * so `rustybt generate-api-token --revoke` takes effect on the next request without a restart.
 */
export class RevocationList {
  private stamp = '';
  private ids = new Set<string>();
  constructor(readonly path: string) {}

  has(jti: string, nowSec: number): boolean {
    let stamp = 'absent';
    try {
      const st = statSync(this.path);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      // No file: nothing revoked.
    }
    if (stamp !== this.stamp) {
      this.ids = new Set(stamp === 'absent' ? [] : readRevoked(this.path, nowSec).map((r) => r.jti));
      this.stamp = stamp;
    }
    return this.ids.has(jti);
  }
}
