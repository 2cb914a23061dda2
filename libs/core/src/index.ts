export { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, startOfUtcDay, daysFromCivil, utcMs } from './time';
export { parseDuration, formatDuration, DURATION_HELP } from './duration';
export { parseUtcDate, UTC_DATE_HELP } from './utc-date';
export { seededRandom } from './random';
export * from './redact/index';
