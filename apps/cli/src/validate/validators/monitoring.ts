import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatMode, tooOpen } from '@rustybt/ops';
import { rustybtAdapter } from '@rustybt/uptime';
import { defineValidator, makeCheck, measuredCheck, skipCheck, type Check, type Validator } from '@rustybt/validate';
import { alertChannels, sendToAll, validateAlert } from '../alert-channels';
import { MetricsParseError, parsePrometheusText } from '../prometheus-text';
import { logDirOf, type ValidateSetup } from '../setup';
import { sessionFiles, unstoppedRun } from '../sessions';

const HTTP_TIMEOUT_MS = 5_000;
/** Metrics a rustybt runner must export for the shipped alert rules to work. */
const REQUIRED_METRICS = ['rustybt_heartbeat_age_seconds', 'rustybt_bars_processed_total', 'rustybt_equity'];

function logDirCheck(dir: string): Check {
  if (!existsSync(dir))
    return makeCheck('monitoring.log-dir', 'WARN', {
      subject: dir,
      detail: 'does not exist yet (the runner creates it 0700 on its first start)',
      remedy: 'Start a session, or create it: mkdir -m 700 <dir>',
    });
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return makeCheck('monitoring.log-dir', 'FAIL', {
      subject: dir,
      detail: 'not writable by this user',
      remedy: 'Fix its ownership, or set logDir in config.yaml',
    });
  }
  const open = tooOpen(dir);
  return makeCheck('monitoring.log-dir', open ? 'WARN' : 'PASS', {
    subject: dir,
    value: formatMode(statSync(dir).mode),
    threshold: '0700',
    detail: open ? `open to others (${formatMode(open.mode)})` : 'exists, writable, owner-only',
    remedy: `Run: chmod 700 ${dir}`,
  });
}

/** Daily rotation: every log file is named for its UTC day and holds that day's events. */
function rotationCheck(dir: string): Check {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return skipCheck('monitoring.log-rotation', 'no log directory yet');
  }
  const { files } = rustybtAdapter.selectFiles(names);
  if (files.length === 0) return skipCheck('monitoring.log-rotation', 'no logs yet', { remedy: 'Run a session first' });
  const strays = names.filter((n) => /^paper-trade/.test(n) && !files.some((f) => f.name === n) && !n.endsWith('.gz'));
  const misdated: string[] = [];
  for (const f of files.filter((x) => !x.gzip)) {
    const day = /^paper-trade-(\d{4}-\d{2}-\d{2})/.exec(f.name)![1]!;
    const first = readFileSync(join(dir, f.name), 'utf8').split('\n', 1)[0] ?? '';
    const ts = /"timestamp":"(\d{4}-\d{2}-\d{2})T/.exec(first)?.[1];
    if (ts && ts !== day) misdated.push(`${f.name} starts on ${ts}`);
  }
  const bad = [...strays.map((n) => `${n} is not a daily file`), ...misdated];
  return makeCheck('monitoring.log-rotation', bad.length ? 'WARN' : 'PASS', {
    value: files.length,
    detail: bad.length ? bad.slice(0, 5).join('; ') : `${files.length} daily files (paper-trade-YYYY-MM-DD.log), each starting on its own day`,
    remedy: 'Let the runner write its own logs (winston daily rotation); do not copy files into the log directory',
  });
}

function diskCheck(home: string, minMb: number): Check {
  let at = home;
  while (!existsSync(at) && at !== join(at, '..')) at = join(at, '..');
  const st = statfsSync(at);
  const freeMb = (Number(st.bavail) * Number(st.bsize)) / 2 ** 20;
  return measuredCheck('monitoring.disk-space', {
    subject: at,
    value: Math.round(freeMb),
    threshold: minMb,
    comparator: '>=',
    unit: 'MB',
    detail: `${Math.round(freeMb)} MB free`,
    remedy: 'Free disk space or move RUSTYBT_HOME to a bigger disk',
  });
}

async function get(url: string, token: string | undefined): Promise<{ status: number; body: string } | Error> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS), ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return err as Error;
  }
}

/** /health and /metrics of every session whose last run has not stopped. */
async function endpointChecks(s: ValidateSetup): Promise<Check[]> {
  const running = sessionFiles(s.layout.state).flatMap((f) => {
    try {
      const run = unstoppedRun(f.path);
      return run ? [{ name: f.name, ...run }] : [];
    } catch {
      return [];
    }
  });
  if (running.length === 0) {
    const reason = 'no running session on this host';
    return [
      skipCheck('monitoring.health-endpoint', reason, { remedy: 'Run validate while the session under validation runs' }),
      skipCheck('monitoring.metrics-endpoint', reason),
    ];
  }
  const checks: Check[] = [];
  for (const r of running) {
    const subject = r.name;
    if (!r.url) {
      checks.push(
        makeCheck('monitoring.health-endpoint', 'FAIL', {
          subject,
          detail: `run of pid ${r.pid} has not stopped but recorded no endpoint`,
          remedy: 'Restart the runner',
        }),
        skipCheck('monitoring.metrics-endpoint', 'no endpoint', { subject }),
      );
      continue;
    }
    const health = await get(`${r.url}/health`, undefined);
    if (health instanceof Error) {
      const detail = `run of pid ${r.pid} started ${new Date(r.startedAt).toISOString()} has not stopped, but ${r.url}/health does not answer (${health.message}): the runner died or hangs`;
      checks.push(
        makeCheck('monitoring.health-endpoint', 'FAIL', {
          subject,
          value: 'no answer',
          threshold: '200',
          detail,
          remedy: 'Check the runner (systemctl status, journalctl) and restart it; its next start resumes the session',
        }),
        skipCheck('monitoring.metrics-endpoint', 'the runner does not answer', { subject }),
      );
      continue;
    }
    const body = (() => {
      try {
        return JSON.parse(health.body) as { status?: string; state?: string };
      } catch {
        return {};
      }
    })();
    checks.push(
      makeCheck('monitoring.health-endpoint', health.status === 200 && body.status === 'ok' ? 'PASS' : 'FAIL', {
        subject,
        value: health.status,
        threshold: 200,
        detail: `${r.url}/health: HTTP ${health.status}, status ${body.status ?? '?'}, state ${body.state ?? '?'}`,
        remedy: 'Read /health checks (heartbeat, feed, broker) to see what is not ready',
      }),
    );
    checks.push(await metricsCheck(subject, r.url, s.env.RUSTYBT_API_TOKEN));
  }
  return checks;
}

async function metricsCheck(subject: string, url: string, token: string | undefined): Promise<Check> {
  const res = await get(`${url}/metrics`, token);
  const remedy = 'Check the runner version and the api section (a token is needed when api.auth is required: set RUSTYBT_API_TOKEN)';
  if (res instanceof Error || res.status !== 200)
    return makeCheck('monitoring.metrics-endpoint', 'FAIL', {
      subject,
      value: res instanceof Error ? 'no answer' : res.status,
      threshold: 200,
      detail: res instanceof Error ? res.message : `${url}/metrics answered HTTP ${res.status}`,
      remedy,
    });
  try {
    const parsed = parsePrometheusText(res.body);
    const missing = REQUIRED_METRICS.filter((m) => !parsed.samples.some((x) => x.name === m));
    return makeCheck('monitoring.metrics-endpoint', missing.length ? 'FAIL' : 'PASS', {
      subject,
      value: parsed.samples.length,
      detail: missing.length
        ? `parses, but lacks ${missing.join(', ')}`
        : `${parsed.samples.length} samples of ${parsed.types.size} metric families, valid Prometheus text`,
      remedy,
    });
  } catch (err) {
    if (!(err instanceof MetricsParseError)) throw err;
    return makeCheck('monitoring.metrics-endpoint', 'FAIL', { subject, detail: `not Prometheus text: ${err.message}`, remedy });
  }
}

async function alertChecks(s: ValidateSetup, thorough: boolean): Promise<Check[]> {
  const built = alertChannels(s);
  if (built.configured.length === 0) {
    const remedy = 'Add alerts: channels: to config.yaml (docs/alerts.md) so a halted or silent runner reaches someone';
    return [
      makeCheck('monitoring.alert-channels', 'WARN', { value: 0, detail: 'no alert channels configured', remedy }),
      skipCheck('monitoring.alert-delivery', 'no alert channels configured'),
    ];
  }
  const channels = makeCheck('monitoring.alert-channels', built.problems.length ? 'FAIL' : 'PASS', {
    value: built.channels.length,
    threshold: built.configured.length,
    detail: built.problems.length ? built.problems.map((p) => p.message).join('; ') : built.configured.map((c) => `${c.name} (${c.type})`).join(', '),
    remedy: 'Set the environment variables the channels name',
  });
  if (!thorough)
    return [
      channels,
      skipCheck('monitoring.alert-delivery', 'sends a real test alert only in thorough mode', { remedy: 'rustybt validate --mode thorough --only monitoring' }),
    ];
  if (built.channels.length === 0) return [channels, skipCheck('monitoring.alert-delivery', 'no channel could be built')];
  const sent = await sendToAll(built.channels, validateAlert('validation_test', 'info', 'rustybt validate: test alert (thorough mode)', { test: true }));
  const failed = sent.filter((r) => !r.ok);
  return [
    channels,
    makeCheck('monitoring.alert-delivery', failed.length ? 'FAIL' : 'PASS', {
      value: sent.length - failed.length,
      threshold: sent.length,
      detail: sent.map((r) => `${r.name}: ${r.ok ? 'delivered' : 'failed'} (${r.detail})`).join('; '),
      remedy: 'See docs/troubleshooting.md, alerts not arriving',
    }),
  ];
}

/** Logs and their rotation, disk, a running session's /health and /metrics, alert channels. */
export function monitoringValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'monitoring',
    title: 'Monitoring and alerting',
    modes: ['standard', 'thorough'],
    async run(ctx) {
      const dir = logDirOf(s);
      const checks = [logDirCheck(dir), rotationCheck(dir), diskCheck(s.layout.home, ctx.thresholds.minFreeDiskMb)];
      ctx.progress('running sessions: /health and /metrics');
      checks.push(...(await endpointChecks(s)));
      ctx.progress('alert channels');
      checks.push(...(await alertChecks(s, ctx.mode === 'thorough')));
      return checks;
    },
  });
}
