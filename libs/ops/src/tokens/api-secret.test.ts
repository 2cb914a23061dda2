import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHome } from '../home';
import { apiSecretPath, loadApiSecret, secretStrength } from './api-secret';
import { addRevoked, listIssued, recordIssued, revokedTokensPath, RevocationList } from './token-files';
import { parseTtl } from './ttl';

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const layout = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-api-'));
  homes.push(dir);
  return resolveHome({ RUSTYBT_HOME: dir });
};

describe('the API secret', () => {
  it('is created on first use: 32 random bytes, 0600, strong; the variable wins', () => {
    const l = layout();
    expect(loadApiSecret({ env: {}, layout: l })).toBeUndefined();
    const created = loadApiSecret({ env: {}, layout: l, create: true })!;
    expect(statSync(apiSecretPath(l)).mode & 0o777).toBe(0o600);
    expect(readFileSync(apiSecretPath(l), 'utf8').trim()).toHaveLength(43);
    expect(created).toMatchObject({ source: 'file', strength: { strong: true } });
    expect(loadApiSecret({ env: {}, layout: l })!.key).toEqual(created.key);
    expect(loadApiSecret({ env: { RUSTYBT_API_SECRET: 'changeme' }, layout: l })).toMatchObject({
      source: 'env',
      where: 'RUSTYBT_API_SECRET',
      strength: { strong: false },
    });
  });

  it('judges strength conservatively', () => {
    expect(secretStrength(randomBytes(32).toString('hex')).strong).toBe(true);
    expect(secretStrength(randomBytes(32).toString('base64')).strong).toBe(true);
    expect(secretStrength(randomBytes(16).toString('hex')).strong).toBe(false);
    expect(secretStrength('a'.repeat(200)).strong).toBe(false);
    expect(secretStrength('ab'.repeat(100)).strong).toBe(false);
    expect(secretStrength('').bits).toBe(0);
  });
});

describe('token lists', () => {
  it('list unexpired issued tokens, persist revocations, and the runner sees a revocation at once', () => {
    const l = layout();
    recordIssued(l, { jti: 'a'.repeat(22), sub: 'x', scope: 'read', iat: 100, exp: 200 }, 100);
    recordIssued(l, { jti: 'b'.repeat(22), sub: 'y', scope: 'trade', iat: 150, exp: 1000 }, 150);
    expect(listIssued(l, 300).map((t) => t.sub)).toEqual(['y']);
    const list = new RevocationList(revokedTokensPath(l));
    expect(list.has('b'.repeat(22), 300)).toBe(false);
    expect(addRevoked(l, 'b'.repeat(22), 300)).toMatchObject({ added: true, known: { sub: 'y' } });
    expect(addRevoked(l, 'b'.repeat(22), 301).added).toBe(false);
    expect(list.has('b'.repeat(22), 302)).toBe(true);
    expect(statSync(revokedTokensPath(l)).mode & 0o777).toBe(0o600);
    writeFileSync(revokedTokensPath(l), '{oops');
    expect(() => new RevocationList(revokedTokensPath(l)).has('x', 1)).toThrow(/is damaged/);
  });

  it('parse --ttl from 1m to 90d', () => {
    expect(parseTtl('12h')).toBe(43_200_000);
    expect(parseTtl('15m')).toBe(900_000);
    for (const bad of ['0m', '91d', '12', 'h', '1.5h', '-1h', '12hours']) expect(() => parseTtl(bad)).toThrow(/^bad --ttl/);
  });
});
