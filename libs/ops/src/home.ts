import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HomeLayout {
  home: string;
  logs: string;
  state: string;
  data: string;
  config: string;
  /** Rebuildable files (transpiled strategies): never backed up, safe to delete. */
  cache: string;
}

/** RUSTYBT_HOME (default ~/.rustybt) and the fixed folders inside it. Creates nothing. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): HomeLayout {
  const home = resolve(env.RUSTYBT_HOME && env.RUSTYBT_HOME.trim() !== '' ? env.RUSTYBT_HOME : join(homedir(), '.rustybt'));
  return {
    home,
    logs: join(home, 'logs'),
    state: join(home, 'state'),
    data: join(home, 'data'),
    config: join(home, 'config'),
    cache: join(home, 'cache'),
  };
}
