import { join } from 'node:path';
import { InputError } from '@rustybt/ops';

/** A session name is a file name in the state folder: no separators, no dot first, so never a path. */
export const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * A state folder holds each session's `<name>.db` and, beside it, files of the session that are not
 * sessions (the alert outbox `<name>.alerts.db`). This tells the session databases from the rest.
 */
export const sessionOfStateFile = (file: string): string | undefined => {
  if (!file.endsWith('.db') || file.endsWith('.alerts.db')) return undefined;
  const name = file.slice(0, -3);
  return SESSION_NAME.test(name) ? name : undefined;
};

/** Refuses a name that is not a session name (exit 2), naming the flag it came from. */
export function checkSessionName(name: string, flag = '--session'): string {
  if (!SESSION_NAME.test(name)) throw new InputError(`bad ${flag} '${name}'. Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  return name;
}

/** `<state>/<session>.db`, for a checked name only. */
export const stateFileOf = (stateDir: string, session: string) => join(stateDir, `${checkSessionName(session)}.db`);
