import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };

interface Spec {
  name: string;
  hidden: boolean;
  options: { long?: string; choices?: string[] }[];
  commands: Spec[];
}

describe('rustybt shell', () => {
  it('prints help listing only visible commands, exit 0', () => {
    const r = rustybt(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: rustybt');
    expect(r.stdout).toContain('config');
    expect(r.stdout).not.toContain('cli-spec');
  });

  it('prints the package version', () => {
    const r = rustybt(['--version'], env);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('rejects an unknown flag with one line and exit 2', () => {
    const r = rustybt(['--frobnicate'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: unknown option '--frobnicate'\. Run 'rustybt --help' for usage/);
  });

  it('rejects an unknown command and a bad choice with exit 2', () => {
    expect(rustybt(['frobnicate'], env).code).toBe(2);
    const r = rustybt(['--log-level', 'loud', 'config', 'show'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: option '--log-level <level>' argument 'loud' is invalid/);
  });

  it('prints the command tree from commander with cli-spec', () => {
    const r = rustybt(['cli-spec', '--json'], env);
    expect(r.code).toBe(0);
    const spec = JSON.parse(r.stdout) as Spec;
    expect(spec.name).toBe('rustybt');
    expect(spec.options.find((o) => o.long === '--log-level')?.choices).toEqual(['error', 'warn', 'info', 'debug']);
    const config = spec.commands.find((c) => c.name === 'config');
    expect(config?.commands.map((c) => c.name)).toEqual(['schema', 'show']);
    expect(spec.commands.find((c) => c.name === 'cli-spec')?.hidden).toBe(true);
  });

  it('prints the config JSON Schema', () => {
    const r = rustybt(['config', 'schema'], env);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('logLevel');
  });

  it('config show names where a section came from, not default', () => {
    mkdirSync(join(home, 'config'), { recursive: true });
    const file = join(home, 'config', 'config.yaml');
    writeFileSync(file, 'risk:\n  maxLeverage: 2\n');
    const r = rustybt(['config', 'show'], env);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('risk '));
    expect(line).toContain('"maxLeverage":2');
    expect(line?.endsWith(` file:${file}:2`)).toBe(true);
    rmSync(file);
  });

  it('reports a bad config file as file:line with exit 2 and no stack', () => {
    mkdirSync(join(home, 'config'), { recursive: true });
    const file = join(home, 'config', 'config.yaml');
    writeFileSync(file, 'logLevel: info\nlogLevle: debug\n');
    const r = rustybt(['config', 'show'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: ${file}:2: unknown key logLevle (did you mean logLevel?). See 'rustybt config schema' for the allowed keys and values`,
    );
    rmSync(file);
  });

  it('shows the effective config with its sources; flags beat env', () => {
    const r = rustybt(['--json', '--log-level', 'debug', 'config', 'show'], { ...env, RUSTYBT_LOG_LEVEL: 'warn' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { config: { logLevel: string }; sources: Record<string, string> };
    expect(out.config.logLevel).toBe('debug');
    expect(out.sources.logLevel).toBe('flag');
  });

  it('prints a stack trace only with --debug', () => {
    const missing = join(home, 'missing.yaml');
    const plain = rustybt(['--config', missing, 'config', 'show'], env);
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = rustybt(['--debug', '--config', missing, 'config', 'show'], env);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
