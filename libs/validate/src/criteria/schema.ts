import { z } from 'zod';
import { VALIDATOR_IDS, type Mode } from '../ids';

// The criteria file: thresholds shared by every mode, and per mode the validators it runs, the
// per-validator timeout and any thresholds that differ. Descriptions here are also the comments of
// the default file `rustybt validate criteria` prints.

const positive = z.number().refine(Number.isFinite, 'must be a finite number').positive();
const nonNegative = z.number().refine(Number.isFinite, 'must be a finite number').nonnegative();
const percent = positive.max(100);
const count = z.number().int().nonnegative();

export const thresholdsSchema = z.strictObject({
  orderLatencyP99Ms: positive.describe('Order submit-to-fill latency, p99, in milliseconds (at most)'),
  throughputOpsPerSec: positive.describe('Operations per second the engine sustains (at least)'),
  memoryMaxMb: positive.describe('Peak resident memory in MB (at most; 2048 = 2 GB)'),
  cpuMaxPercent: percent.describe('CPU use of one core, in percent (at most)'),
  uptimePercent: percent.describe('Uptime SLO of a paper or live session, in percent (at least)'),
  errorRatePercent: percent.describe('Errors per operation, in percent (at most; 0.1 = 1 per 1,000)'),
  rtoSeconds: positive.describe('Recovery time objective: restore plus open, in seconds (at most)'),
  rpoSeconds: positive.describe('Recovery point objective: age of the newest backup, in seconds (at most)'),
  maxCriticalVulnerabilities: count.describe('npm audit critical vulnerabilities (at most)'),
  maxHighVulnerabilities: count.describe('npm audit high vulnerabilities (at most)'),
  paperTradingDays: positive.describe('Paper-trading validation target, in days'),
  dbQueryP99Ms: positive.describe('State database status query latency, p99, in milliseconds (at most)'),
  clockSkewMaxMs: nonNegative.describe('Clock skew against a venue, in milliseconds (at most)'),
  maxPositionPercent: percent.describe('Prudent position-size limit, in percent of equity (WARN beyond)'),
  maxDailyLossPercent: percent.describe('Prudent daily-loss limit, in percent of equity (WARN beyond)'),
  maxLeverage: positive.describe('Prudent leverage limit, as a multiple of equity (WARN beyond)'),
  logRetentionDays: positive.describe('Days of logs kept (at least)'),
  minFreeDiskMb: nonNegative.describe('Free disk space under RUSTYBT_HOME, in MB (at least)'),
});

export type Thresholds = z.infer<typeof thresholdsSchema>;
export type ThresholdKey = keyof Thresholds;

const validatorList = z
  .array(z.enum(VALIDATOR_IDS, { error: (iss) => `unknown validator ${JSON.stringify(iss.input)}, expected one of ${VALIDATOR_IDS.join(', ')}` }))
  .min(1, 'must list at least one validator')
  .refine((ids) => new Set(ids).size === ids.length, 'lists a validator twice');

export const modeCriteriaSchema = z.strictObject({
  validators: validatorList.describe('Validators this mode runs'),
  timeoutSeconds: positive.max(86_400).describe('Time one validator may take before it counts as a FAIL, in seconds (at most a day)'),
  thresholds: thresholdsSchema.partial().default({}).describe('Thresholds of this mode that differ from the shared ones'),
});

export type ModeCriteria = z.infer<typeof modeCriteriaSchema>;

export const CRITERIA_VERSION = 1;

export const criteriaSchema = z.strictObject({
  version: z.literal(CRITERIA_VERSION),
  thresholds: thresholdsSchema,
  modes: z.strictObject({ quick: modeCriteriaSchema, standard: modeCriteriaSchema, thorough: modeCriteriaSchema }),
});

export type Criteria = z.infer<typeof criteriaSchema>;

const modeFileSchema = modeCriteriaSchema.partial();

/** What a user's file may hold: any subset of the keys, merged over the defaults. */
export const criteriaFileSchema = z.strictObject({
  version: z.literal(CRITERIA_VERSION).optional(),
  thresholds: thresholdsSchema.partial().optional(),
  modes: z.strictObject({ quick: modeFileSchema.optional(), standard: modeFileSchema.optional(), thorough: modeFileSchema.optional() }).optional(),
});

export type CriteriaFile = z.infer<typeof criteriaFileSchema>;

/** The thresholds in force in a mode: the shared ones with the mode's own over them. */
export function thresholdsFor(criteria: Criteria, mode: Mode): Thresholds {
  return { ...criteria.thresholds, ...criteria.modes[mode].thresholds };
}
