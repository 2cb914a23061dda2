import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { loadConfig } from './load-config';
import { InputError } from '../errors';

let home: string;
let cwd: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rustybt-home-'));
  cwd = mkdtempSync(join(tmpdir(), 'rustybt-cwd-'));
  mkdirSync(join(home, 'config'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

const writeConfig = (text: string) => writeFileSync(join(home, 'config', 'config.yaml'), text);
// A schema of the same shape as the runner's config.yaml: the loader is generic over it.
const schema = z
  .object({
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    logDir: z.string().min(1).optional(),
    yahooUrl: z.url().optional(),
    risk: z.object({ maxLeverage: z.number().positive().optional() }).strict().optional(),
  })
  .strict();
const load = (extra: Parameters<typeof loadConfig>[1] = {}) =>
  loadConfig(schema, { cwd, notFromDotenv: ['risk'], ...extra, env: { RUSTYBT_HOME: home, ...extra.env } });

describe('loadConfig', () => {
  it('gives defaults without any file', () => {
    const { config, layout, configFile } = load();
    expect(config.logLevel).toBe('info');
    expect(layout.logs).toBe(join(home, 'logs'));
    expect(configFile).toBeUndefined();
  });

  it('applies flags > env > file > defaults', () => {
    writeConfig('logLevel: warn\nlogDir: /from/file\n');
    expect(load().config).toMatchObject({ logLevel: 'warn', logDir: '/from/file' });
    const env = { RUSTYBT_LOG_LEVEL: 'error' };
    expect(load({ env }).config.logLevel).toBe('error');
    const loaded = load({ env, flags: { logLevel: 'debug' } });
    expect(loaded.config.logLevel).toBe('debug');
    expect(loaded.sources).toMatchObject({ logLevel: 'flag', logDir: expect.stringMatching(/^file:.*config\.yaml:2$/) });
  });

  it('reads .env from the home config folder and the working directory, real env winning', () => {
    writeFileSync(join(home, 'config', '.env'), 'RUSTYBT_LOG_LEVEL=warn\nBINANCE_API_KEY=k1\n');
    writeFileSync(join(cwd, '.env'), 'RUSTYBT_LOG_LEVEL=error\n');
    const loaded = load();
    expect(loaded.config.logLevel).toBe('error');
    expect(loaded.env.BINANCE_API_KEY).toBe('k1');
    expect(load({ env: { RUSTYBT_LOG_LEVEL: 'debug' } }).config.logLevel).toBe('debug');
  });

  it('labels values read from a .env file with that file', () => {
    writeFileSync(join(cwd, '.env'), 'RUSTYBT_LOG_DIR=/from/dotenv\n');
    const loaded = load();
    expect(loaded.config.logDir).toBe('/from/dotenv');
    expect(loaded.sources.logDir).toBe(`dotenv:${join(cwd, '.env')}`);
    expect(load({ env: { RUSTYBT_LOG_DIR: '/from/env' } }).sources.logDir).toBe('env:RUSTYBT_LOG_DIR');
  });

  it('refuses risk limits from a .env (a stray file must not raise leverage), allows them from the process environment', () => {
    writeFileSync(join(cwd, '.env'), 'RUSTYBT_RISK__MAX_LEVERAGE=100\n');
    expect(() => load()).toThrowError(/\.env sets RUSTYBT_RISK__MAX_LEVERAGE, but risk may come only from config\.yaml or flags/);
    const loaded = load({ env: { RUSTYBT_RISK__MAX_LEVERAGE: '2' } });
    expect(loaded.config.risk).toEqual({ maxLeverage: 2 });
    expect(loaded.sources['risk.maxLeverage']).toBe('env:RUSTYBT_RISK__MAX_LEVERAGE');
  });

  it('names file and line of a bad value', () => {
    writeConfig('# comment\nlogDir: /x\nlogLevel: loud\n');
    expect(() => load()).toThrowError(/config\.yaml:3: logLevel: .*rustybt config schema/);
  });

  it('names file and line of an unknown key and of broken YAML', () => {
    writeConfig('logLevel: info\n\nhoem: /x\n');
    expect(() => load()).toThrowError(/config\.yaml:3: unknown key hoem\. See/);
    writeConfig('logLevl: info\n');
    expect(() => load()).toThrowError(/config\.yaml:1: unknown key logLevl \(did you mean logLevel\?\)\. See/);
    writeConfig('risk:\n  maxLeverge: 2\n');
    expect(() => load()).toThrowError(/config\.yaml:2: unknown key risk\.maxLeverge \(did you mean maxLeverage\?\)/);
    writeConfig('logLevel: info\nlogDir: [unclosed\n');
    expect(() => load()).toThrowError(InputError);
    expect(() => load()).toThrowError(/config\.yaml:\d+: /);
  });

  it('rejects a missing explicit --config file and a non-mapping file', () => {
    expect(() => load({ configFile: join(home, 'nope.yaml') })).toThrowError(/nope\.yaml: file not found/);
    writeConfig('- a\n- b\n');
    expect(() => load()).toThrowError(/config\.yaml:1: expected a mapping/);
  });

  it('names the environment variable holding a bad value', () => {
    expect(() => load({ env: { RUSTYBT_YAHOO_URL: 'not a url' } })).toThrowError(/environment variable RUSTYBT_YAHOO_URL/);
  });

  it('never throws anything but InputError on arbitrary file content', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        writeConfig(text);
        try {
          load();
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 200 },
    );
  });
});
