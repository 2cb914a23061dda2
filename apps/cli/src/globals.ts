import type { Command } from 'commander';

export interface GlobalOptions {
  json: boolean;
  debug: boolean;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  config?: string;
}

export function globalsOf(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Partial<GlobalOptions>;
  return { json: o.json === true, debug: o.debug === true, logLevel: o.logLevel, config: o.config };
}
