// The one redactor lives in @rustybt/core; this name stays for the broker's import.
export { makeRedactor } from '@rustybt/core';
