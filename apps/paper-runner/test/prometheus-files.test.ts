import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaperRunner } from '../src/runner/paper-runner';
import { resolveRunnerOptions } from '../src/options/runner-options';
import { loadRunnerConfig } from '../src/config/index';
import { promtool, skipPromtool } from './support/promtool';
import { STRATEGY, until } from './support/runner-process';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const prometheusDir = join(repo, 'docs', 'deploy', 'prometheus');
const dashboardFile = join(repo, 'docs', 'deploy', 'grafana', 'rustybt-dashboard.json');
const home = mkdtempSync(join(tmpdir(), 'rustybt-prom-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

let metricsText = '';

/**
 * A real runner in this process: replay:sim paced so it is still running when scraped, the paper
 * broker, SQLite state, alerting on (a loopback webhook nobody answers), so every family of
 * /metrics is there, alert delivery included.
 */
async function scrapeRealRunner(): Promise<string> {
  const configFile = join(home, 'alerts.yaml');
  writeFileSync(configFile, 'alerts:\n  channels:\n    - { type: webhook, name: hook, url: "http://127.0.0.1:9/none", secretEnv: PROM_TEST_SECRET }\n');
  const env = { RUSTYBT_HOME: home, PROM_TEST_SECRET: 'x'.repeat(32) };
  const { config } = loadRunnerConfig({ configFile, env, cwd: home });
  const options = resolveRunnerOptions({ strategy: STRATEGY, data: 'replay:sim', speed: '60000', heartbeat: '100ms', session: 'prom', port: '0' }, env, home);
  const runner = await PaperRunner.start({ ...options, ...(config.alerts ? { alerts: config.alerts } : {}), replaySimBars: 1_000_000 });
  try {
    const url = runner.url!;
    const value = async (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
    await until('bars and a fill', async () => (await value('rustybt_bars_processed_total')) > 50 && (await value('rustybt_fills_total')) > 0);
    return await (await fetch(`${url}/metrics`)).text();
  } finally {
    await runner.stop('signal');
  }
}

/** Metric families a /metrics text declares (# TYPE), with the series names histograms add. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>(['up']); // Prometheus adds `up` to every target
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(m[1]!);
    if (m[2] === 'histogram' || m[2] === 'summary') for (const s of ['_bucket', '_sum', '_count']) names.add(`${m[1]}${s}`);
  }
  return names;
}

/** The metric names a PromQL expression reads (ours, Node's and the process's, and `up`). */
const metricsOf = (expr: string) => [...expr.matchAll(/\b(?:rustybt_[a-z0-9_]+|nodejs_[a-z0-9_]+|process_[a-z0-9_]+|up)\b/g)].map((m) => m[0]);

beforeAll(async () => {
  metricsText = await scrapeRealRunner();
}, 120_000);

describe.skipIf(skipPromtool)(skipPromtool ? 'promtool checks (skipped: RUSTYBT_SKIP_PROMTOOL=1)' : 'promtool checks', () => {
  it('promtool check rules: docs/deploy/prometheus/rustybt-rules.yml', () => {
    const r = promtool(['check', 'rules', 'rustybt-rules.yml'], { cwd: prometheusDir });
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code).toBe(0);
  });

  it('promtool test rules: the alerts fire on the series a runner exports, with their texts', () => {
    const r = promtool(['test', 'rules', 'rustybt-rules.test.yml'], { cwd: prometheusDir });
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.code).toBe(0);
  });

  it('promtool check config: prometheus.yml with its rules and a bearer token file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustybt-promcfg-'));
    try {
      for (const f of ['prometheus.yml', 'rustybt-rules.yml']) copyFileSync(join(prometheusDir, f), join(dir, f));
      writeFileSync(join(dir, 'rustybt.token'), 'a.read.token\n', { mode: 0o600 });
      const r = promtool(['check', 'config', 'prometheus.yml'], { cwd: dir });
      expect(r.output).toMatch(/is valid prometheus config file syntax/);
      expect(r.code).toBe(0);
      // The token file is where the scrape config says it is: without it promtool fails.
      rmSync(join(dir, 'rustybt.token'));
      expect(promtool(['check', 'config', 'prometheus.yml'], { cwd: dir }).output).toMatch(/rustybt\.token/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("promtool check metrics: a real runner's /metrics passes whole, Node's default metrics included", () => {
    expect(promtool(['check', 'metrics'], { input: metricsText })).toEqual({ code: 0, output: '' });
    expect(exportedNames(metricsText)).toContain('nodejs_active_handles');
    const ours = metricsText
      .split('\n')
      .filter((l) => /^(# (HELP|TYPE) )?rustybt_/.test(l))
      .join('\n');
    expect(promtool(['check', 'metrics'], { input: `${ours}\n` })).toEqual({ code: 0, output: '' });
  });
});

describe('rules and dashboard read only metrics the runner exports', () => {
  it('the real /metrics has the families the rules and dashboard rely on', () => {
    const names = exportedNames(metricsText);
    for (const n of [
      'rustybt_heartbeat_age_seconds',
      'rustybt_feed_last_bar_age_seconds',
      'rustybt_broker_connected',
      'rustybt_broker_errors_total',
      'rustybt_order_events_total',
      'rustybt_alerts_dead_total',
      'rustybt_alerts_outbox_depth',
      'rustybt_api_auth_failures_total',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('every metric of every alert and recording rule is exported', () => {
    const rules = readFileSync(join(prometheusDir, 'rustybt-rules.yml'), 'utf8');
    const exprs = [...rules.matchAll(/^\s*expr: (.+)$/gm)].map((m) => m[1]!);
    expect(exprs.length).toBeGreaterThan(10);
    const names = exportedNames(metricsText);
    const unknown = exprs.flatMap(metricsOf).filter((n) => !names.has(n));
    expect(unknown).toEqual([]);
  });

  it('the Grafana dashboard is valid JSON and every panel queries exported metrics', () => {
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] };
    expect(dashboard.uid).toBe('rustybt-runners');
    expect(dashboard.panels.length).toBeGreaterThan(10);
    const names = exportedNames(metricsText);
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const t of panel.targets) {
        const used = metricsOf(t.expr);
        expect(used.length, `${panel.title}: ${t.expr}`).toBeGreaterThan(0);
        expect(
          used.filter((n) => !names.has(n)),
          `${panel.title}: ${t.expr}`,
        ).toEqual([]);
      }
    }
  });
});
