import type { HomeLayout } from '@rustybt/ops';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';

/** A venue the execution checks reach: the session's broker, or --broker. */
export interface VenueSetup {
  exchange: string;
  testnet: boolean;
  apiUrl?: string;
}

/** The session under validation (--session): its state file and what it recorded at creation. */
export interface SessionSetup {
  name: string;
  stateFile: string;
  /** The session's meta table (strategy, params, broker, data, symbol...); empty when it has no state file. */
  meta: Record<string, string>;
}

/**
 * Everything the validators need to know about this host and what is validated, resolved once by
 * the command: validators close over it and never read flags or the environment themselves.
 */
export interface ValidateSetup {
  env: Record<string, string | undefined>;
  layout: HomeLayout;
  loaded: LoadedRunnerConfig;
  cwd: string;
  strategyFile: string;
  /** `key=value` strategy parameters: the session's when one is validated, else none (the defaults). */
  params: string[];
  data: string;
  symbol: string;
  session?: SessionSetup;
  venue?: VenueSetup;
  /** The repository or install root holding package-lock.json, when found (npm audit runs there). */
  lockfile?: string;
  version: string;
}

export const logDirOf = (s: ValidateSetup): string => s.loaded.config.logDir ?? s.layout.logs;
