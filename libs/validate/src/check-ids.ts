import type { ValidatorId } from './ids';

// The one list of check ids: validators emit only these, the production checklist and
// docs/validation.md name them. A new check starts here. Titles are the default wording.

/** Every validator has `run`: the validator itself threw, timed out, was cancelled or misbehaved. */
const RUN = { run: 'The validator ran to completion' } as const;

export const KNOWN_CHECKS = {
  smoke: {
    ...RUN,
    components: 'Essential components load (engine, paper broker, sim feed, state store, logs)',
    health: 'A paper session starts and its /health answers',
    'order-fill': 'One paper order goes through to a fill',
    position: 'The position reflects the fill',
    status: 'The session status reads back (state, equity, orders)',
  },
  strategy: {
    ...RUN,
    loads: 'The strategy file loads and exports a strategy',
    params: 'The strategy parameters validate',
    calendar: 'The trading calendar is known',
    'backtest-runs': 'A short backtest on the sim market completes without errors',
    'backtest-orders': 'The backtest produces orders',
    'matches-session': 'The strategy file and parameters are those of the session under validation',
  },
  risk: {
    ...RUN,
    'limits-configured': 'Risk limits are set in config (a live session without limits is a FAIL)',
    'limits-prudent': 'Risk limits are within common prudence (position <= 10%, daily loss <= 5%, leverage <= 2x)',
    'max-position-enforced': 'An order beyond the position-size limit is refused',
    'max-notional-enforced': 'An order beyond the notional-per-order limit is refused',
    'max-leverage-enforced': 'An order beyond the leverage limit is refused',
    'max-open-positions-enforced': 'An order beyond the open-positions limit is refused',
    'order-rate-enforced': 'Orders beyond the order-rate limit are refused',
    'daily-loss-enforced': 'A daily loss beyond the limit stops new opening orders',
    'reduce-transition': 'The daily-loss breach moves trading to REDUCING (only reducing orders pass)',
    'halt-transition': 'A halt moves trading to HALTED (only cancels pass) and resume returns it to ACTIVE',
  },
  execution: {
    ...RUN,
    'paper-fill-latency': 'Paper submit-to-fill latency p99 is within the threshold',
    'venue-auth': 'The venue accepts the credentials',
    'venue-trading-permission': 'The API key may trade',
    'venue-withdrawals-disabled': 'The API key cannot withdraw',
    'venue-clock-skew': 'The clock skew against the venue is within the threshold',
    'venue-markets': "The strategy's markets exist at the venue",
    'venue-min-notional': "The strategy's order size meets the venue's minimum notional",
  },
  database: {
    ...RUN,
    sessions: 'Session state databases are found',
    integrity: 'PRAGMA integrity_check is ok',
    'wal-mode': 'The database is in WAL journal mode',
    'schema-version': 'The database is at the current schema version',
    'query-latency': 'Status queries answer within the latency threshold (p99)',
  },
  monitoring: {
    ...RUN,
    'log-dir': 'The log directory exists, is writable and owner-only',
    'log-rotation': 'Logs rotate daily (paper-trade-YYYY-MM-DD.log)',
    'disk-space': 'Free disk space under RUSTYBT_HOME is sufficient',
    'health-endpoint': "A running session's /health answers",
    'metrics-endpoint': "A running session's /metrics answers and parses as Prometheus text",
    'alert-channels': 'Alert channels are configured and well-formed',
    'alert-delivery': 'A test alert is delivered through every channel',
  },
  security: {
    ...RUN,
    'config-valid': 'config.yaml validates in strict mode (no unknown keys)',
    'env-syntax': '.env parses',
    'env-mode': '.env is owner-only (0600)',
    'store-mode': 'The credential store is owner-only (0600)',
    'store-decrypts': 'The credential store decrypts with the current key',
    'api-secret-mode': 'The API token secret is owner-only (0600)',
    'api-secret-strength': 'The API token secret has at least 32 random bytes',
    'api-auth': 'The runner API requires a token wherever it leaves loopback',
    'home-modes': 'State and log directories are owner-only (0700, files 0600)',
    'no-plaintext-secrets': 'No plaintext secret in config.yaml, .env or a git-tracked file while a store exists',
    'gitignore-env': '.gitignore covers .env inside a repository',
    'audit-critical': 'npm audit: critical vulnerabilities within the threshold',
    'audit-high': 'npm audit: high vulnerabilities within the threshold',
  },
  compliance: {
    ...RUN,
    'orders-logged': 'Every order in the state database has its log events',
    'fills-logged': 'Every fill in the state database has its log event',
    'logged-orders-stored': 'Every order logged is in the state database',
    'log-retention': 'Logs are kept at least as long as the retention policy',
    'clock-monotonic': 'Log clocks never ran backwards',
  },
  performance: {
    ...RUN,
    'order-latency': 'Order latency p99 is within the threshold',
    throughput: 'Throughput meets the threshold',
    memory: 'Peak memory (RSS) is within the threshold',
    'memory-stable': 'Memory stays flat over a run (no leak)',
    cpu: 'CPU use is within the threshold',
  },
  'disaster-recovery': {
    ...RUN,
    'backup-exists': 'A backup archive exists',
    'backup-age': 'The newest backup is younger than the RPO target',
    'verify-restore': 'verify-restore of the newest backup passes',
    rto: 'Restore and open finish within the RTO target',
  },
  'paper-trading': {
    ...RUN,
    'days-run': 'Days run against the paper-trading target',
    uptime: 'Uptime meets the SLO',
    'error-budget': 'Error budget left',
    'error-rate': 'Error rate per operation is within the threshold',
    trades: 'Trades were executed',
    incidents: 'Every downtime incident has a probable cause',
  },
} as const satisfies Record<ValidatorId, Record<string, string>>;

type Known = typeof KNOWN_CHECKS;

/** A known check id, `<validator>.<check>`. */
export type CheckId = { [V in keyof Known]: `${V}.${keyof Known[V] & string}` }[keyof Known];

/** Every known check id, validators in contract order, checks in the order above. */
export const KNOWN_CHECK_IDS: readonly CheckId[] = Object.entries(KNOWN_CHECKS).flatMap(([v, checks]) =>
  Object.keys(checks).map((c) => `${v}.${c}` as CheckId),
);

const KNOWN = new Set<string>(KNOWN_CHECK_IDS);

export function isKnownCheckId(id: string): id is CheckId {
  return KNOWN.has(id);
}

/** The validator a check id belongs to (the part before the first dot). */
export function validatorOfCheck(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** The default title of a known check. */
export function checkTitle(id: CheckId): string {
  const dot = id.indexOf('.');
  const checks = KNOWN_CHECKS[id.slice(0, dot) as ValidatorId] as Record<string, string>;
  return checks[id.slice(dot + 1)] as string;
}

export function runCheckId(validator: ValidatorId): CheckId {
  return `${validator}.run` as CheckId;
}
