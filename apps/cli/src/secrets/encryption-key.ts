import { KEY_ENV, keyFromEnv } from '@rustybt/ops';
import { CliError } from '../errors';

/** The key of the credential store from RUSTYBT_ENCRYPTION_KEY; unset is a usage error saying how to get one. */
export function requireKey(env: Record<string, string | undefined>, purpose: string): Buffer {
  const key = keyFromEnv(env);
  if (!key) throw new CliError(`${KEY_ENV} is not set; ${purpose} needs it. Run 'rustybt keygen' and export the line it prints as ${KEY_ENV}`);
  return key;
}
