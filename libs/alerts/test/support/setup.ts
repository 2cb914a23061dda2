import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertsConfigSchema, type AlertsConfigInput } from '../../src/index';

export const WEBHOOK_SECRET = 'canary-outbox-secret-Lk93';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-alerts-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One webhook channel at url, with rules on top of the defaults. */
export function webhookConfig(url: string, rules: AlertsConfigInput['rules'] = {}, timeoutMs = 5000) {
  return alertsConfigSchema.parse({ channels: [{ type: 'webhook', name: 'hook', url, secretEnv: 'HOOK_SECRET', timeoutMs }], rules });
}

export const hookSecret = (name: string) => (name === 'HOOK_SECRET' ? WEBHOOK_SECRET : undefined);

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public t = Date.UTC(2026, 2, 1, 9, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}
