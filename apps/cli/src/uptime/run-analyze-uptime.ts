import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { analyzeLogDir, freqtradeAdapter, htmlReport, markdownReport, rustybtAdapter, textReport } from '@rustybt/uptime';
import type { AnalyzeUptimeFlags } from './analyze-uptime-flags';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { uptimeSettingsOf } from './uptime-flags';

export async function runAnalyzeUptime(flags: AnalyzeUptimeFlags, cmd: Command): Promise<void> {
  const settings = uptimeSettingsOf(flags, globalsOf(cmd).json);
  const logDir = flags.logDir ?? loadEffectiveConfig(cmd).layout.logs;
  const analysis = await analyzeLogDir({
    ...settings.window,
    ...settings.durations,
    logDir,
    sloTargetPct: settings.sloTargetPct,
    excludePlanned: flags.excludePlanned === true,
    ...(flags.session !== undefined ? { session: flags.session } : {}),
    adapter: flags.logFormat === 'freqtrade' ? freqtradeAdapter : rustybtAdapter,
  });
  const { report } = analysis;
  const text =
    settings.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : settings.format === 'md'
        ? markdownReport(report)
        : settings.format === 'html'
          ? htmlReport(analysis)
          : textReport(report);
  if (flags.output) writeFileAtomic(flags.output, text);
  else process.stdout.write(text);
  if (!report.slo.met) process.exitCode = 1;
}
