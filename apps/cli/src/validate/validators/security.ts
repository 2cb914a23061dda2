import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { apiSecretPath, credentialStorePath, formatMode, tooOpen } from '@rustybt/ops';
import { defineValidator, makeCheck, measuredCheck, skipCheck, type Check, type CheckId, type Validator } from '@rustybt/validate';
import { verifyConfig, type ConfigCheck } from '../../verify-config/index';
import { runNpmAudit } from '../npm-audit';
import type { ValidateSetup } from '../setup';
import { sessionFiles, unstoppedRun } from '../sessions';

/** verify-config's check ids, as the validate check ids that report them. */
const FROM_VERIFY_CONFIG: Record<string, CheckId> = {
  'config.schema': 'security.config-valid',
  'dotenv.syntax': 'security.env-syntax',
  'store.decrypts': 'security.store-decrypts',
  'secrets.plaintext': 'security.no-plaintext-secrets',
  'git.ignore-env': 'security.gitignore-env',
  'modes.home': 'security.home-modes',
  'api.secret': 'security.api-secret-strength',
};

const AUDIT_TIMEOUT_MS = 60_000;

function fromConfigCheck(c: ConfigCheck, id: CheckId): Check {
  return makeCheck(id, c.status, { detail: c.detail, remedy: c.remedy ?? null, ...(c.where ? { subject: c.where } : {}) });
}

/** A secret file is owner-only (0600 or stricter); absent is a SKIP with what that means. */
function modeCheck(id: CheckId, path: string, absent: string): Check {
  if (!existsSync(path)) return skipCheck(id, absent, { subject: path });
  const open = tooOpen(path);
  return makeCheck(id, open ? 'FAIL' : 'PASS', {
    subject: path,
    value: open ? formatMode(open.mode) : 'owner-only',
    threshold: '0600',
    detail: open ? `readable by others (${formatMode(open.mode)})` : 'owner-only',
    remedy: `Run: chmod 600 ${path}`,
  });
}

/** Where the runner API listens: beyond loopback it must require a token (the runner refuses otherwise). */
function apiAuthCheck(s: ValidateSetup): Check {
  const auth = s.loaded.config.api?.auth ?? 'loopback';
  const exposed = sessionFiles(s.layout.state)
    .map((f) => {
      try {
        return { name: f.name, url: unstoppedRun(f.path)?.url ?? null };
      } catch {
        return { name: f.name, url: null };
      }
    })
    .filter((r) => r.url && !/^https?:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?/.test(r.url));
  if (exposed.length > 0 && auth !== 'required') {
    return makeCheck('security.api-auth', 'FAIL', {
      value: auth,
      threshold: 'required',
      detail: `sessions listening beyond loopback without api.auth: required: ${exposed.map((e) => `${e.name} at ${e.url}`).join(', ')}`,
      remedy: 'Set api: { auth: required } in config.yaml and restart those runners',
    });
  }
  const where = exposed.length ? `${exposed.length} sessions beyond loopback, tokens required` : 'every running session listens on loopback';
  return makeCheck('security.api-auth', 'PASS', { value: auth, detail: `api.auth: ${auth}; ${where}; the runner refuses --bind beyond loopback without auth` });
}

async function auditChecks(s: ValidateSetup, signal: AbortSignal, t: { maxCriticalVulnerabilities: number; maxHighVulnerabilities: number }): Promise<Check[]> {
  if (!s.lockfile)
    return [
      skipCheck('security.audit-critical', 'no package-lock.json found above the CLI (an installed package without its lockfile)'),
      skipCheck('security.audit-high', 'no package-lock.json found'),
    ];
  const outcome = await runNpmAudit(dirname(s.lockfile), AUDIT_TIMEOUT_MS, signal);
  if (outcome.kind === 'unavailable') {
    const remedy = 'Run npm audit where the registry answers (CI with internet), or audit the lockfile with another scanner';
    return [skipCheck('security.audit-critical', outcome.reason, { remedy }), skipCheck('security.audit-high', outcome.reason, { remedy })];
  }
  const remedy = 'Run npm audit for the advisories, then npm audit fix or upgrade the packages';
  return [
    measuredCheck('security.audit-critical', {
      value: outcome.critical,
      threshold: t.maxCriticalVulnerabilities,
      comparator: '<=',
      detail: `${outcome.critical} critical of ${outcome.total} vulnerabilities`,
      remedy,
    }),
    measuredCheck('security.audit-high', {
      value: outcome.high,
      threshold: t.maxHighVulnerabilities,
      comparator: '<=',
      detail: `${outcome.high} high of ${outcome.total} vulnerabilities`,
      remedy,
    }),
  ];
}

/** The verify-config checks (modes, store, plaintext secrets, token secret) and npm audit. */
export function securityValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'security',
    title: 'Security',
    modes: ['quick', 'standard', 'thorough'],
    async run(ctx) {
      ctx.progress('verify-config checks');
      const found = await verifyConfig({
        ...(s.loaded.configFile ? { configFile: s.loaded.configFile } : {}),
        env: s.env,
        cwd: s.cwd,
        ...(s.venue ? { live: true } : {}),
      });
      const checks: Check[] = [];
      for (const c of found) {
        const id = FROM_VERIFY_CONFIG[c.id];
        if (id) checks.push(fromConfigCheck(c, id));
      }
      const dotenvs = [join(s.layout.config, '.env'), join(s.cwd, '.env')].filter((p) => existsSync(p));
      checks.push(
        ...(dotenvs.length ? dotenvs.map((p) => modeCheck('security.env-mode', p, 'no .env file')) : [skipCheck('security.env-mode', 'no .env file')]),
      );
      checks.push(modeCheck('security.store-mode', credentialStorePath(s.layout), 'no credential store; venues take credentials from the environment'));
      checks.push(
        modeCheck('security.api-secret-mode', apiSecretPath(s.layout), 'no API token secret file (created 0600 on first use, or RUSTYBT_API_SECRET is set)'),
      );
      checks.push(apiAuthCheck(s));
      ctx.progress('npm audit');
      checks.push(...(await auditChecks(s, ctx.signal, ctx.thresholds)));
      return checks;
    },
  });
}
