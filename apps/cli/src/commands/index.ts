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

/** Every registered command. A command is listed here only when it does the real thing. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerConfig, registerBacktest, registerDocsAudit, registerBenchmark, registerPaperTrade, registerLiveTrade, registerStatus, registerAnalyzeUptime, registerTestData, registerTestBroker, registerBalance, registerCliSpec];
