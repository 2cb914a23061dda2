import type { AnalyzeUptimeFlags } from '../uptime/analyze-uptime-flags';
import { Option, type Command } from 'commander';

export function registerAnalyzeUptime(program: Command) {
  program
    .command('analyze-uptime')
    .description('compute uptime, incidents and the error budget against an SLO from heartbeat logs (exit 0 SLO met, 1 missed, 2 bad input)')
    .option('--log-dir <dir>', 'directory of paper-trade-YYYY-MM-DD.log[.gz] files (default: $RUSTYBT_HOME/logs)')
    .option('--start-date <date>', 'window start, ISO 8601 UTC date or date-time (default: the first event)')
    .option('--end-date <date>', 'window end; a bare date includes that whole day (default: the last event)')
    .option('--heartbeat <duration>', 'heartbeat interval, e.g. 1s, 10s (default: as announced by session_start)')
    .option('--grace <duration>', 'extra wait after a missed heartbeat before it counts as down (default: one interval)')
    .option('--merge-gap <duration>', 'outages closer than this form one incident', '60s')
    .option('--slo <percent>', 'SLO target in percent', '99.9')
    .option('--exclude-planned', 'do not count planned downtime (after session_stop) against the SLO')
    .option('--session <id>', 'analyze only this session (needed when two runners logged into one directory at once)')
    .addOption(new Option('--format <format>', 'report format (--json is the same as --format json)').choices(['text', 'json', 'md', 'html']))
    .addOption(new Option('--log-format <name>', 'which program wrote the logs').choices(['rustybt', 'freqtrade']).default('rustybt'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (opts: AnalyzeUptimeFlags, cmd: Command) => {
      const { runAnalyzeUptime } = await import('../uptime/run-analyze-uptime');
      await runAnalyzeUptime(opts, cmd);
    });
}
