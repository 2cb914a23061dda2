export { verifyConfig, type VerifyConfigOptions } from './verify-config';
export { exitCodeOf, type ConfigCheck } from './check';
export { renderChecks } from './render';
