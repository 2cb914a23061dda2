// A light entry (`@rustybt/paper-runner/validation`): the go-live gate and the result it reads, for the CLI and the runner bin.
export { requireValidation, gateRefusal, GateRefusedError, type GateInput } from './gate';
export { attestationFor, configSha256, findLockfile } from './attest';
export { latestResultPath, readLatestResult, saveLatestResult } from './latest-result';
