import type { Suite } from '@rustybt/bench';
import { CliError } from '../errors';
import { availableSuites } from './suites/index';

/** The suites `--suite <name|all>` selects, loaded. */
export async function loadSuites(name: string | undefined): Promise<Suite[]> {
  const entries = availableSuites();
  const names = [...entries.map((e) => e.name), 'all'].join(', ');
  if (!name) throw new CliError(`no suite chosen. Pass --suite <${names}>`);
  const chosen = name === 'all' ? entries : entries.filter((e) => e.name === name);
  if (chosen.length === 0) throw new CliError(`no benchmark suite "${name}". Choose one of: ${names}`);
  return Promise.all(chosen.map(async (e) => (await e.load()).default));
}
