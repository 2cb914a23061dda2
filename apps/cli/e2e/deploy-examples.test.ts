import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const deploy = fileURLToPath(new URL('../../../docs/deploy/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-deploy-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Report {
  result: string;
  checks: { id: string; status: string; detail: string }[];
}

/** A fresh home laid out as docs/deployment-guide.md says: the two examples installed 0600 in config/. */
function installExamples() {
  chmodSync(home, 0o700);
  mkdirSync(join(home, 'config'), { recursive: true, mode: 0o700 });
  copyFileSync(join(deploy, 'config.example.yaml'), join(home, 'config', 'config.yaml'));
  copyFileSync(join(deploy, '.env.example'), join(home, 'config', '.env'));
  chmodSync(join(home, 'config', 'config.yaml'), 0o600);
  chmodSync(join(home, 'config', '.env'), 0o600);
}

it('config.example.yaml and .env.example pass rustybt verify-config, for a live session too', () => {
  installExamples();
  for (const args of [['verify-config'], ['verify-config', '--live']]) {
    const r = rustybt(['--json', ...args], { RUSTYBT_HOME: home }, home);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.filter((c) => c.status === 'FAIL')).toEqual([]);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({ 'config.schema': 'PASS', 'dotenv.syntax': 'PASS', 'risk.limits': 'PASS', 'alerts.channels': 'PASS' });
    expect(r.code).toBe(0);
  }
});
