/** The flags of `rustybt analyze-uptime` as commander parses them: the command's definition and its implementation share this type. */

export interface AnalyzeUptimeFlags {
  logDir?: string;
  startDate?: string;
  endDate?: string;
  heartbeat?: string;
  grace?: string;
  mergeGap: string;
  slo: string;
  excludePlanned?: boolean;
  session?: string;
  format?: 'text' | 'json' | 'md' | 'html';
  logFormat: 'rustybt' | 'freqtrade';
  output?: string;
}
