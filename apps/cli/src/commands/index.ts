import type { Command } from 'commander';
import { registerBenchmark } from './benchmark';
import { registerCliSpec } from './cli-spec';
import { registerConfig } from './config';
import { registerDocsAudit } from './docs-audit';

/** Every registered command. A command is listed here only when it does the real thing. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerConfig, registerDocsAudit, registerBenchmark, registerCliSpec];
