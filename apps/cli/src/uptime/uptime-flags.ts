import { DURATION_HELP, parseDuration, parseUtcDate, UTC_DATE_HELP } from '@rustybt/core';
import type { AnalyzeUptimeFlags } from './analyze-uptime-flags';
import { CliError } from '../errors';

export interface UptimeSettings {
  window: { start?: number; end?: number };
  durations: { heartbeatMs?: number; graceMs?: number; mergeGapMs: number };
  sloTargetPct: number;
  format: 'text' | 'json' | 'md' | 'html';
}

const SLO = /^\d{1,3}(\.\d{1,4})?$/;

/** Checks and converts the flags; every mistake is a one-line usage error (exit 2). */
export function uptimeSettingsOf(flags: AnalyzeUptimeFlags, json: boolean): UptimeSettings {
  if (json && flags.format !== undefined && flags.format !== 'json') {
    throw new CliError(`--json and --format ${flags.format} contradict each other. Use one of them`);
  }
  const format = json ? 'json' : (flags.format ?? 'text');
  const window: UptimeSettings['window'] = {};
  if (flags.startDate !== undefined) window.start = dateFlag('--start-date', flags.startDate);
  if (flags.endDate !== undefined) window.end = dateFlag('--end-date', flags.endDate, true);
  if (window.start !== undefined && window.end !== undefined && window.end <= window.start) {
    throw new CliError(`--end-date ${flags.endDate} is not after --start-date ${flags.startDate}. Give a window that ends after it starts`);
  }
  const durations: UptimeSettings['durations'] = { mergeGapMs: durationFlag('--merge-gap', flags.mergeGap) };
  if (flags.heartbeat !== undefined) {
    durations.heartbeatMs = durationFlag('--heartbeat', flags.heartbeat);
    if (durations.heartbeatMs === 0) throw new CliError(`--heartbeat must be longer than 0. Give the runner's interval, e.g. 1s or 10s`);
  }
  if (flags.grace !== undefined) durations.graceMs = durationFlag('--grace', flags.grace);
  if (!SLO.test(flags.slo) || Number(flags.slo) <= 0 || Number(flags.slo) > 100) {
    throw new CliError(`--slo '${flags.slo}' is not a percentage. Give a number above 0 and at most 100 with up to 4 decimals, e.g. 99.9`);
  }
  return { window, durations, sloTargetPct: Number(flags.slo), format };
}

function durationFlag(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new CliError(`${flag} '${text}' is not a duration. Give ${DURATION_HELP}`);
  return ms;
}

function dateFlag(flag: string, text: string, endOfDay = false): number {
  const ms = parseUtcDate(text, endOfDay);
  if (ms === undefined) throw new CliError(`${flag} '${text}' is not a real UTC date. Use ${UTC_DATE_HELP}`);
  return ms;
}
