// The result contract
export { VALIDATOR_IDS, VALIDATOR_TITLES, MODES, STATUSES, VERDICTS, isValidatorId, type ValidatorId, type Mode, type Status, type Verdict } from './ids';
export {
  checkSchema,
  validatorResultSchema,
  attestationSchema,
  validationResultSchema,
  CHECK_ID_PATTERN,
  type Check,
  type CheckInput,
  type Comparator,
  type ValidatorResult,
  type Attestation,
  type ValidationResult,
} from './result-schema';
export {
  evidenceSchema,
  TIMELINE_STATES,
  type Evidence,
  type TableEvidence,
  type HistogramEvidence,
  type HistogramBucket,
  type TimelineEvidence,
  type TimelineState,
} from './evidence-schema';
export { KNOWN_CHECKS, KNOWN_CHECK_IDS, isKnownCheckId, checkTitle, runCheckId, validatorOfCheck, type CheckId } from './check-ids';
export { worstStatus, statusOfChecks, verdictOf, exitCodeOf, countStatuses, summaryCounts, VERDICT_LABELS, type StatusCounts } from './status';
// Writing validators
export { defineValidator, type Validator, type ValidatorContext, type ProgressEvent } from './validator';
export { makeCheck, skipCheck, measuredCheck, meets, type CheckFields, type MeasuredFields } from './checks';
export { tableEvidence, incidentsTable, histogramFromSamples, timelineEvidence, type IncidentRow, type HistogramOptions } from './evidence';
// Criteria
export {
  criteriaSchema,
  criteriaFileSchema,
  thresholdsSchema,
  thresholdsFor,
  CRITERIA_VERSION,
  type Criteria,
  type CriteriaFile,
  type ModeCriteria,
  type Thresholds,
  type ThresholdKey,
} from './criteria/schema';
export { DEFAULT_CRITERIA } from './criteria/defaults';
export { parseCriteria, readCriteriaFile, mergeCriteria } from './criteria/load';
export { renderCriteriaYaml } from './criteria/render-yaml';
// Running
export { runValidation, type RunValidationOptions } from './run/orchestrator';
export { selectValidators, type Planned, type SelectOptions } from './run/select';
export { attestationOf, attestationMismatches, sha256OfFile, parseValidationResult, type AttestationInput } from './attestation';
export { ValidateInputError, CriteriaError } from './errors';
// Reports
export { renderJson } from './render/json';
export { renderMarkdown, type MarkdownOptions, type ReportSection } from './render/markdown';
export { renderHtml, type HtmlOptions } from './render/html';
export { renderConsole, type ConsoleOptions } from './render/console';
// The production checklist
export { CHECKLIST, CHECKLIST_AREAS, type ChecklistItem, type ChecklistAreaId } from './checklist/items';
export { fillChecklist, renderChecklistMarkdown, type FilledItem, type ItemStatus } from './checklist/render';
