import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { configFileJsonSchema, loadRunnerConfig } from '../src/config/index';

const deploy = fileURLToPath(new URL('../../../docs/deploy/', import.meta.url));
const configExample = join(deploy, 'config.example.yaml');
const envExample = join(deploy, '.env.example');
const home = mkdtempSync(join(tmpdir(), 'rustybt-examples-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Home with the example .env where the loader reads it, and the example config file named. */
function loadExamples() {
  mkdirSync(join(home, 'config'), { recursive: true, mode: 0o700 });
  copyFileSync(envExample, join(home, 'config', '.env'));
  return loadRunnerConfig({ configFile: configExample, env: { RUSTYBT_HOME: home }, cwd: home });
}

type Node = { properties?: Record<string, Node>; anyOf?: Node[]; oneOf?: Node[]; items?: Node; not?: unknown };

/** Every key the config schema accepts, at any depth (forbidden keys such as an inline `password` left out). */
function schemaKeys(node: Node, out = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (child.not === undefined) out.add(key);
    schemaKeys(child, out);
  }
  for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) schemaKeys(alt, out);
  if (node.items) schemaKeys(node.items, out);
  return out;
}

describe('docs/deploy/config.example.yaml and .env.example through the real loader', () => {
  it('load: every value from the file, the .env supplying only variables', () => {
    const loaded = loadExamples();
    expect(loaded.configFile).toBe(configExample);
    const origins = new Set(Object.values(loaded.sources).map((s) => s.replace(/:\d+$/, '')));
    expect([...origins]).toEqual([`file:${configExample}`]);
    expect(loaded.config.risk).toMatchObject({ maxNotionalPerOrder: '1000', maxDailyLoss: 0.02 });
    expect(loaded.config.api).toMatchObject({ auth: 'required' });
    expect(loaded.config.alerts?.channels.map((c) => c.type).sort()).toEqual(['email', 'slack', 'telegram', 'webhook']);
  });

  it('name every key of the config schema (set, or commented where the default is the point)', () => {
    const text = readFileSync(configExample, 'utf8');
    const missing = [...schemaKeys(configFileJsonSchema() as Node)].filter((key) => !new RegExp(`\\b${key}\\b`).test(text));
    expect(missing).toEqual([]);
  });

  it('.env.example holds credentials and paths only, and every secret variable the channels name', () => {
    const text = readFileSync(envExample, 'utf8');
    // What the loader read from the .env: its environment minus the one variable given here.
    const active = Object.keys(loadExamples().env).filter((name) => name !== 'RUSTYBT_HOME');
    expect(active.length).toBeGreaterThan(3);
    const commented = [...text.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    const allowed =
      /^([A-Z0-9]+_API_(KEY|SECRET|PASSWORD)|RUSTYBT_(SMTP_USER|SMTP_PASSWORD|WEBHOOK_SECRET|SLACK_WEBHOOK_URL|TELEGRAM_TOKEN|ENCRYPTION_KEY|API_SECRET|API_TOKEN|LOG_DIR|YAHOO_URL))$/;
    expect([...active, ...commented].filter((name) => !allowed.test(name))).toEqual([]);
    expect([...active, ...commented].some((name) => name.startsWith('RUSTYBT_RISK__'))).toBe(false);
    const named = [...readFileSync(configExample, 'utf8').matchAll(/^\s+\w+Env: (\w+)$/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((n) => !active.includes(n))).toEqual([]);
  });
});
