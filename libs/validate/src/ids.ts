/** The validator ids of the result contract, in contract order: reports and JSON list validators in this order. */
export const VALIDATOR_IDS = [
  'smoke',
  'strategy',
  'risk',
  'execution',
  'database',
  'monitoring',
  'security',
  'compliance',
  'performance',
  'disaster-recovery',
  'paper-trading',
] as const;

export type ValidatorId = (typeof VALIDATOR_IDS)[number];

/** Titles used where no validator supplied its own (an unregistered validator, the checklist, docs). */
export const VALIDATOR_TITLES: Readonly<Record<ValidatorId, string>> = {
  smoke: 'Smoke test',
  strategy: 'Strategy',
  risk: 'Risk limits',
  execution: 'Order execution',
  database: 'State databases',
  monitoring: 'Monitoring and alerting',
  security: 'Security',
  compliance: 'Audit trail and compliance',
  performance: 'Performance',
  'disaster-recovery': 'Backup and recovery',
  'paper-trading': 'Paper-trading validation',
};

export const MODES = ['quick', 'standard', 'thorough'] as const;
export type Mode = (typeof MODES)[number];

export const STATUSES = ['PASS', 'WARN', 'FAIL', 'SKIP'] as const;
export type Status = (typeof STATUSES)[number];

export const VERDICTS = ['ready', 'ready-with-caveats', 'not-ready'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function isValidatorId(value: string): value is ValidatorId {
  return (VALIDATOR_IDS as readonly string[]).includes(value);
}
