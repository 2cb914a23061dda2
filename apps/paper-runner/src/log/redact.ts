// The one redactor lives in @rustybt/core; this module stays only for the runner's existing imports.
export { REDACTED, redact, secretValuesFromEnv } from '@rustybt/core';
