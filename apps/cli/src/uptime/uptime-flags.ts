import { parseDuration, parseUtcDate } from '@rustybt/uptime';
import type { AnalyzeUptimeFlags } from '../commands/analyze-uptime';
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
  if (flags.startDate !== undefined) window.start = flagValue('--start-date', () => parseUtcDate(flags.startDate!));
  if (flags.endDate !== undefined) window.end = flagValue('--end-date', () => parseUtcDate(flags.endDate!, true));
  if (window.start !== undefined && window.end !== undefined && window.end <= window.start) {
    throw new CliError(`--end-date ${flags.endDate} is not after --start-date ${flags.startDate}. Give a window that ends after it starts`);
  }
  const durations: UptimeSettings['durations'] = { mergeGapMs: flagValue('--merge-gap', () => parseDuration(flags.mergeGap)) };
  if (flags.heartbeat !== undefined) {
    durations.heartbeatMs = flagValue('--heartbeat', () => parseDuration(flags.heartbeat!));
    if (durations.heartbeatMs === 0) throw new CliError(`--heartbeat must be longer than 0. Give the runner's interval, e.g. 1s or 10s`);
  }
  if (flags.grace !== undefined) durations.graceMs = flagValue('--grace', () => parseDuration(flags.grace!));
  if (!SLO.test(flags.slo) || Number(flags.slo) <= 0 || Number(flags.slo) > 100) {
    throw new CliError(`--slo '${flags.slo}' is not a percentage. Give a number above 0 and at most 100 with up to 4 decimals, e.g. 99.9`);
  }
  return { window, durations, sloTargetPct: Number(flags.slo), format };
}

function flagValue<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CliError(`${flag} ${(err as Error).message}`);
  }
}
