import type { CheckId } from '../check-ids';

// The production checklist (issue 18) as one table: docs/production-checklist.md and
// `rustybt validate --checklist` both render it, so they cannot drift. An item a machine can check
// names the check that proves it; the rest say how a person checks them.

export const CHECKLIST_AREAS = [
  { id: 'testing-and-quality', title: 'Testing and quality' },
  { id: 'security', title: 'Security' },
  { id: 'configuration', title: 'Configuration' },
  { id: 'performance', title: 'Performance' },
  { id: 'monitoring-and-alerting', title: 'Monitoring and alerting' },
  { id: 'backup-and-recovery', title: 'Backup and recovery' },
  { id: 'validation', title: 'Validation' },
  { id: 'documentation', title: 'Documentation' },
  { id: 'sign-off', title: 'Sign-off' },
] as const;

export type ChecklistAreaId = (typeof CHECKLIST_AREAS)[number]['id'];

export interface ChecklistItem {
  area: ChecklistAreaId;
  text: string;
  /** The check that proves the item; absent for items a person checks. */
  check?: CheckId;
  /** For a person: how to check it (Markdown, may hold inline code). */
  how?: string;
}

const item = (area: ChecklistAreaId, text: string, check: CheckId): ChecklistItem => ({ area, text, check });
const manual = (area: ChecklistAreaId, text: string, how?: string): ChecklistItem => (how ? { area, text, how } : { area, text });

export const CHECKLIST: readonly ChecklistItem[] = [
  manual('testing-and-quality', 'Lint, typecheck, unit and integration tests pass on the release commit', '`npm test` exits 0'),
  manual('testing-and-quality', 'Property tests cover the accounting invariants and every parser of outside input', 'part of `npm test`'),
  manual('testing-and-quality', 'No flaky test: the suite passed on two consecutive CI runs'),
  item('testing-and-quality', 'Essential components load (engine, paper broker, sim feed, state store, logs)', 'smoke.components'),
  item('testing-and-quality', 'A paper session starts and answers /health', 'smoke.health'),
  item('testing-and-quality', 'One paper order goes through to a fill', 'smoke.order-fill'),
  item('testing-and-quality', 'The position reflects the fill', 'smoke.position'),
  item('testing-and-quality', 'The session status reads back', 'smoke.status'),
  item('testing-and-quality', 'The strategy file loads', 'strategy.loads'),
  item('testing-and-quality', 'A short backtest of the strategy completes without errors', 'strategy.backtest-runs'),
  item('testing-and-quality', 'The backtest produces orders', 'strategy.backtest-orders'),

  item('security', 'Credentials are encrypted at rest and the store decrypts with the current key', 'security.store-decrypts'),
  item('security', 'The credential store is owner-only (0600)', 'security.store-mode'),
  item('security', '.env is owner-only (0600)', 'security.env-mode'),
  item('security', '.env is ignored by git', 'security.gitignore-env'),
  item('security', 'No plaintext secret in config.yaml, .env or a git-tracked file', 'security.no-plaintext-secrets'),
  item('security', 'State and log directories are owner-only', 'security.home-modes'),
  item('security', 'The API token secret has at least 32 random bytes', 'security.api-secret-strength'),
  item('security', 'The API token secret is owner-only (0600)', 'security.api-secret-mode'),
  item('security', 'The runner API requires a token wherever it leaves loopback', 'security.api-auth'),
  item('security', 'No critical dependency vulnerability', 'security.audit-critical'),
  item('security', 'No high dependency vulnerability', 'security.audit-high'),
  item('security', 'The venue API key cannot withdraw', 'execution.venue-withdrawals-disabled'),
  manual('security', 'The firewall allows only SSH and the ports you expose', '`sudo ufw status verbose`'),
  manual('security', 'SSH accepts keys only (PasswordAuthentication no)', '`grep PasswordAuthentication /etc/ssh/sshd_config`'),
  manual('security', 'Separate API keys for paper, testnet and live; a rotation date is set (90 days or less)'),
  manual('security', 'The venue API key is restricted to this host’s IP address where the venue allows it'),

  item('configuration', 'config.yaml validates in strict mode', 'security.config-valid'),
  item('configuration', '.env parses', 'security.env-syntax'),
  item('configuration', 'Risk limits are set in config', 'risk.limits-configured'),
  item('configuration', 'Risk limits are within prudence (position 10%, daily loss 5%, leverage 2x)', 'risk.limits-prudent'),
  item('configuration', 'The position-size limit is enforced', 'risk.max-position-enforced'),
  item('configuration', 'The notional-per-order limit is enforced', 'risk.max-notional-enforced'),
  item('configuration', 'The leverage limit is enforced', 'risk.max-leverage-enforced'),
  item('configuration', 'The open-positions limit is enforced', 'risk.max-open-positions-enforced'),
  item('configuration', 'The order-rate limit is enforced', 'risk.order-rate-enforced'),
  item('configuration', 'The daily-loss limit stops new opening orders', 'risk.daily-loss-enforced'),
  item('configuration', 'A daily-loss breach moves trading to REDUCING', 'risk.reduce-transition'),
  item('configuration', 'The kill switch halts and resumes trading', 'risk.halt-transition'),
  item('configuration', 'The strategy parameters validate', 'strategy.params'),
  item('configuration', 'The trading calendar is known', 'strategy.calendar'),
  item('configuration', 'The session runs the strategy and parameters validated', 'strategy.matches-session'),
  item('configuration', 'The venue accepts the credentials', 'execution.venue-auth'),
  item('configuration', 'The venue API key may trade', 'execution.venue-trading-permission'),
  item('configuration', 'The clock is in sync with the venue', 'execution.venue-clock-skew'),
  item('configuration', 'The strategy’s markets exist at the venue', 'execution.venue-markets'),
  item('configuration', 'The strategy’s order size meets the venue minimum', 'execution.venue-min-notional'),

  item('performance', 'Order latency p99 is within the threshold', 'performance.order-latency'),
  item('performance', 'Paper submit-to-fill latency p99 is within the threshold', 'execution.paper-fill-latency'),
  item('performance', 'Throughput meets the threshold', 'performance.throughput'),
  item('performance', 'Peak memory is within the threshold', 'performance.memory'),
  item('performance', 'Memory stays flat over a run', 'performance.memory-stable'),
  item('performance', 'CPU use is within the threshold', 'performance.cpu'),
  item('performance', 'State database queries answer within the threshold', 'database.query-latency'),
  manual('performance', 'Benchmarks were run on the production host, not only on a laptop', '`npm run bench` on the host'),

  item('monitoring-and-alerting', 'The log directory exists, is writable and owner-only', 'monitoring.log-dir'),
  item('monitoring-and-alerting', 'Logs rotate daily', 'monitoring.log-rotation'),
  item('monitoring-and-alerting', 'Logs are kept as long as the retention policy says', 'compliance.log-retention'),
  item('monitoring-and-alerting', 'Free disk space is sufficient', 'monitoring.disk-space'),
  item('monitoring-and-alerting', 'A running session answers /health', 'monitoring.health-endpoint'),
  item('monitoring-and-alerting', 'A running session serves Prometheus metrics', 'monitoring.metrics-endpoint'),
  item('monitoring-and-alerting', 'Alert channels are configured', 'monitoring.alert-channels'),
  item('monitoring-and-alerting', 'A test alert arrives through every channel', 'monitoring.alert-delivery'),
  manual('monitoring-and-alerting', 'A watcher beside each runner alerts when its heartbeats stop'),
  manual('monitoring-and-alerting', 'Prometheus scrapes every runner and the alert rules are loaded', '`promtool check rules` passes on the shipped rules'),
  manual('monitoring-and-alerting', 'Someone is on call for the alerts, and knows it'),

  item('backup-and-recovery', 'A backup archive exists', 'disaster-recovery.backup-exists'),
  item('backup-and-recovery', 'The newest backup is younger than the RPO target', 'disaster-recovery.backup-age'),
  item('backup-and-recovery', 'The newest backup restores and verifies', 'disaster-recovery.verify-restore'),
  item('backup-and-recovery', 'Restore and open finish within the RTO target', 'disaster-recovery.rto'),
  item('backup-and-recovery', 'Session databases pass integrity_check', 'database.integrity'),
  item('backup-and-recovery', 'Session databases are in WAL mode', 'database.wal-mode'),
  item('backup-and-recovery', 'Session databases are at the current schema version', 'database.schema-version'),
  item('backup-and-recovery', 'Session databases are found', 'database.sessions'),
  manual('backup-and-recovery', 'Backups run on a schedule (the systemd timer is enabled)', '`systemctl list-timers`'),
  manual('backup-and-recovery', 'Backups are copied off the host'),
  manual('backup-and-recovery', 'A restore was rehearsed on a clean machine'),

  item('validation', 'The paper-trading validation ran for the target number of days', 'paper-trading.days-run'),
  item('validation', 'Paper-trading uptime meets the SLO', 'paper-trading.uptime'),
  item('validation', 'Error budget is left', 'paper-trading.error-budget'),
  item('validation', 'The error rate per operation is within the threshold', 'paper-trading.error-rate'),
  item('validation', 'Trades were executed during the validation', 'paper-trading.trades'),
  item('validation', 'Every downtime incident has a probable cause', 'paper-trading.incidents'),
  item('validation', 'Every stored order has its log events', 'compliance.orders-logged'),
  item('validation', 'Every stored fill has its log event', 'compliance.fills-logged'),
  item('validation', 'Every logged order is stored', 'compliance.logged-orders-stored'),
  item('validation', 'Log clocks never ran backwards', 'compliance.clock-monotonic'),

  manual('documentation', 'The deployment guide was followed on this host', 'docs/deployment-guide.md'),
  manual('documentation', 'Every example in the docs runs', '`npm test` runs the docs audit'),
  manual('documentation', 'A runbook covers start and stop, a strategy change, key rotation, backup and restore, and the kill switch'),
  manual('documentation', 'Alert responses are written down (docs/troubleshooting.md)'),
  manual('documentation', 'Emergency contacts are written down'),

  manual('sign-off', 'The go-live gate is on (validation.required: true) and the validation is recent'),
  manual('sign-off', 'A rollback plan is written: the previous version plus a restore'),
  manual('sign-off', 'Technical lead approval'),
  manual('sign-off', 'Security review approval'),
  manual('sign-off', 'Risk owner approval'),
];
