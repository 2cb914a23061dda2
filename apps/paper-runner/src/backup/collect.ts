import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HomeLayout } from '@rustybt/ops';
import { InputError } from '@rustybt/ops';
import { checkSessionName, sessionOfStateFile } from '../state/session-name';
import { CONFIG_FILES, PLAINTEXT_SECRET_FILES, unsafePathReason } from './manifest';

export interface BackupSelection {
  sessions: { name: string; stateFile: string }[];
  /** Archive path -> source file. */
  files: { path: string; source: string }[];
  /** Archive paths of plaintext secrets in the selection. */
  plaintext: string[];
}

const isFile = (p: string) => existsSync(p) && lstatSync(p).isFile();

/** The sessions of a state folder: `<name>.db` files with a valid session name. */
export function listSessions(stateDir: string): string[] {
  if (!existsSync(stateDir)) return [];
  return readdirSync(stateDir)
    .filter((f) => sessionOfStateFile(f) !== undefined && isFile(join(stateDir, f)))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** What a backup takes from RUSTYBT_HOME. Symbolic links are not followed: a backup holds regular files only. */
export function selectBackup(home: HomeLayout, options: { session?: string; includeLogs?: boolean; includeEnv?: boolean }): BackupSelection {
  const all = listSessions(home.state);
  let names = all;
  if (options.session !== undefined) {
    const name = checkSessionName(options.session);
    if (!all.includes(name))
      throw new InputError(`no session '${name}' in ${home.state}. ${all.length ? `Sessions: ${all.join(', ')}` : 'There are no sessions to back up'}`);
    names = [name];
  }
  const files: { path: string; source: string }[] = [];
  const plaintext: string[] = [];
  for (const name of [...CONFIG_FILES, ...(options.includeEnv ? PLAINTEXT_SECRET_FILES : [])]) {
    const source = join(home.config, name);
    if (!isFile(source)) continue;
    files.push({ path: `config/${name}`, source });
    if ((PLAINTEXT_SECRET_FILES as readonly string[]).includes(name)) plaintext.push(`config/${name}`);
  }
  if (options.includeLogs && existsSync(home.logs)) {
    // Hidden files (the rotation's audit file) are bookkeeping of the writer, not logs.
    for (const f of readdirSync(home.logs).sort())
      if (!f.startsWith('.') && !unsafePathReason(`logs/${f}`) && isFile(join(home.logs, f))) files.push({ path: `logs/${f}`, source: join(home.logs, f) });
  }
  if (names.length === 0 && files.length === 0) throw new InputError(`nothing to back up in ${home.home}: no sessions and no config. Check RUSTYBT_HOME`);
  return { sessions: names.map((name) => ({ name, stateFile: join(home.state, `${name}.db`) })), files, plaintext };
}
