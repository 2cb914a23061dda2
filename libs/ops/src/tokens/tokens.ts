import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { JTI_PATTERN } from './token-files';
import { scopeAllows, scopeSchema, type Scope } from './scope';

export const TOKEN_ISSUER = 'rustybt';
export const TOKEN_AUDIENCE = 'rustybt-api';
/** Far longer than any token we issue; a longer header is refused before any parsing. */
export const MAX_TOKEN_LENGTH = 2048;

export const tokenClaimsSchema = z.object({
  iss: z.literal(TOKEN_ISSUER),
  aud: z.literal(TOKEN_AUDIENCE),
  sub: z.string().min(1).max(64),
  scope: scopeSchema,
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().regex(JTI_PATTERN),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export type TokenFailure =
  'malformed' | 'bad-signature' | 'bad-algorithm' | 'expired' | 'not-yet-valid' | 'wrong-audience' | 'wrong-issuer' | 'revoked' | 'insufficient-scope';

/** Why a token was refused. 401 for every failure but scope (403): the caller is known, the right is missing. */
export class TokenError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly reason: TokenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
  get status(): 401 | 403 {
    return this.reason === 'insufficient-scope' ? 403 : 401;
  }
}

export const SUBJECT_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

export interface IssueOptions {
  key: Uint8Array;
  scope: Scope;
  subject: string;
  ttlMs: number;
  now?: number;
}

/** An HS256 JWT with the contract's claims, and the claims themselves (for the token list). */
export async function issueToken(o: IssueOptions): Promise<{ token: string; claims: TokenClaims }> {
  const iat = Math.floor((o.now ?? Date.now()) / 1000);
  const claims: TokenClaims = {
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    sub: o.subject,
    scope: o.scope,
    iat,
    exp: iat + Math.round(o.ttlMs / 1000),
    jti: randomBytes(16).toString('base64url'),
  };
  const token = await new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .setJti(claims.jti)
    .sign(o.key);
  return { token, claims };
}

export interface VerifyOptions {
  key: Uint8Array;
  requiredScope: Scope;
  /** True when the token id has been revoked. */
  isRevoked?: (jti: string) => boolean;
  now?: number;
}

/**
 * The claims of a valid token, else a TokenError and nothing else: only HS256 under our key
 * (so `alg: none` and every other algorithm are refused), our issuer and audience, not expired,
 * not revoked, and a scope at least `requiredScope`.
 */
export async function verifyToken(token: string, o: VerifyOptions): Promise<TokenClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token)) {
    throw new TokenError('malformed', 'the token is not a JWT');
  }
  // base64url leaves spare bits in a last character; a token that differs only there is still another token.
  if (token.split('.').some((part) => Buffer.from(part, 'base64url').toString('base64url') !== part))
    throw new TokenError('malformed', 'the token is not canonical base64url');
  let payload: unknown;
  try {
    const now = o.now ?? Date.now();
    ({ payload } = await jwtVerify(token, o.key, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
    }));
  } catch (err) {
    throw joseFailure(err);
  }
  const claims = tokenClaimsSchema.safeParse(payload);
  if (!claims.success) throw new TokenError('malformed', 'the token lacks a claim rustybt needs');
  if (o.isRevoked?.(claims.data.jti)) throw new TokenError('revoked', `token ${claims.data.jti} has been revoked`);
  if (!scopeAllows(claims.data.scope, o.requiredScope))
    throw new TokenError('insufficient-scope', `the token's scope ${claims.data.scope} does not allow this; it needs ${o.requiredScope}`);
  return claims.data;
}

function joseFailure(err: unknown): TokenError {
  if (err instanceof joseErrors.JWTExpired) return new TokenError('expired', 'the token has expired');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return new TokenError('wrong-audience', 'the token is not for this API');
    if (err.claim === 'iss') return new TokenError('wrong-issuer', 'the token was not issued by rustybt');
    if (err.claim === 'nbf' || err.claim === 'iat') return new TokenError('not-yet-valid', 'the token is not valid yet');
    return new TokenError('malformed', 'the token lacks a claim rustybt needs');
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return new TokenError('bad-algorithm', 'the token is not signed with HS256');
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', 'the token signature does not match');
  return new TokenError('malformed', 'the token is not a valid JWT');
}
