import type { Command } from 'commander';
import { registerAnalyzeUptime } from './analyze-uptime';
import { registerBacktest } from './backtest';
import { registerBalance } from './balance';
import { registerBenchmark } from './benchmark';
import { registerCliSpec } from './cli-spec';
import { registerConfig } from './config';
import { registerDocsAudit } from './docs-audit';
import { registerLiveTrade } from './live-trade';
import { registerPaperTrade } from './paper-trade';
import { registerStatus } from './status';
import { registerTestBroker } from './test-broker';
import { registerTestData } from './test-data';

/** Every registered command, in the order `rustybt --help` lists them. Listed only when it does the real thing. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerPaperTrade,
  registerLiveTrade,
  registerStatus,
  registerBacktest,
  registerAnalyzeUptime,
  registerTestData,
  registerTestBroker,
  registerBalance,
  registerBenchmark,
  registerDocsAudit,
  registerConfig,
  registerCliSpec,
];
