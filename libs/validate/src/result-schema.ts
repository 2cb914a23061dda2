import { z } from 'zod';
import { evidenceSchema } from './evidence-schema';
import { MODES, STATUSES, VALIDATOR_IDS, VERDICTS } from './ids';

// The result contract of ../shared/DESIGN.md ("validation results"): the schema is the single source
// of the types, and `rustybt validate --json` output parses with it.

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const measure = z.union([finite, z.string(), z.boolean(), z.null()]);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** `<validator>.<check>`, e.g. `security.store-mode`: the id the checklist and docs name. */
export const CHECK_ID_PATTERN = /^[a-z][a-z-]*\.[a-z0-9][a-z0-9-]*$/;

export const checkSchema = z.strictObject({
  id: z.string().regex(CHECK_ID_PATTERN, 'must be <validator>.<check> in kebab case'),
  title: z.string().min(1),
  status: z.enum(STATUSES),
  /** What was measured (a number in `unit`, a mode such as "0644", a flag); null when nothing was. */
  value: measure,
  /** The bound the value was held to, in `unit`; null when the check is pass/fail by nature. */
  threshold: measure,
  /** What was found; for SKIP the reason it was skipped. */
  detail: z.string(),
  /** What to do about a WARN or FAIL; null for PASS and SKIP. */
  remedy: z.string().nullable(),
  /** What a check is about when one check id applies to many things: a session, a venue, a file. */
  subject: z.string().optional(),
  unit: z.string().optional(),
  /** How value meets threshold: `<=` means value must be at most threshold. */
  comparator: z.enum(['<=', '>=', '<', '>', '==']).optional(),
  evidence: z.array(evidenceSchema).optional(),
});

export const validatorResultSchema = z.strictObject({
  id: z.enum(VALIDATOR_IDS),
  title: z.string().min(1),
  status: z.enum(STATUSES),
  checks: z.array(checkSchema),
  durationMs: finite.refine((v) => v >= 0, 'must be >= 0'),
});

export const attestationSchema = z.strictObject({
  /** SHA-256 of the strategy file validated; null when no strategy was part of the run. */
  strategySha256: sha256.nullable(),
  configSha256: sha256.nullable(),
  lockfileSha256: sha256.nullable(),
  rustybtVersion: z.string().min(1),
});

export const validationResultSchema = z.strictObject({
  verdict: z.enum(VERDICTS),
  mode: z.enum(MODES),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: finite.refine((v) => v >= 0, 'must be >= 0'),
  attestation: attestationSchema,
  validators: z.array(validatorResultSchema),
});

export type Check = z.infer<typeof checkSchema>;
export type CheckInput = z.input<typeof checkSchema>;
export type ValidatorResult = z.infer<typeof validatorResultSchema>;
export type Attestation = z.infer<typeof attestationSchema>;
export type ValidationResult = z.infer<typeof validationResultSchema>;
export type Comparator = NonNullable<Check['comparator']>;
