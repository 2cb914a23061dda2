import type { Command } from 'commander';
import { registerAnalyzeUptime } from './analyze-uptime';
import { registerBackup } from './backup';
import { registerBacktest } from './backtest';
import { registerBalance } from './balance';
import { registerBenchmark } from './benchmark';
import { registerCliSpec } from './cli-spec';
import { registerConfig } from './config';
import { registerDocsAudit } from './docs-audit';
import { registerEncryptCredentials } from './encrypt-credentials';
import { registerGenerateApiToken } from './generate-api-token';
import { registerHalt, registerResume } from './halt';
import { registerKeygen } from './keygen';
import { registerLiveTrade } from './live-trade';
import { registerPaperTrade } from './paper-trade';
import { registerRestore } from './restore';
import { registerStatus } from './status';
import { registerTestBroker } from './test-broker';
import { registerTestAlerts } from './test-alerts';
import { registerTestData } from './test-data';
import { registerValidate } from './validate';
import { registerVerifyConfig } from './verify-config';
import { registerVerifyRestore } from './verify-restore';
import { registerWatch } from './watch';

/** Every registered command, in the order `rustybt --help` lists them. Listed only when it does the real thing. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerPaperTrade,
  registerLiveTrade,
  registerStatus,
  registerBackup,
  registerRestore,
  registerVerifyRestore,
  registerHalt,
  registerResume,
  registerBacktest,
  registerAnalyzeUptime,
  registerTestData,
  registerTestBroker,
  registerTestAlerts,
  registerWatch,
  registerBalance,
  registerBenchmark,
  registerValidate,
  registerDocsAudit,
  registerConfig,
  registerVerifyConfig,
  registerKeygen,
  registerEncryptCredentials,
  registerGenerateApiToken,
  registerCliSpec,
];
