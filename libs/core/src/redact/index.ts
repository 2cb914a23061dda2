export { REDACTED, SECRET_FIELD, makeRedactor, redact, redactText, secretValuesFromEnv, truncateRedacted } from './redact';
