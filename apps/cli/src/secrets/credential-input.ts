import { credentialsFromEnv, credentialEnvNames, type VenueCredentials } from '@rustybt/ops';
import { CliError } from '../errors';
import { promptHidden } from './hidden-prompt';

/** The largest stdin we read: three lines of credentials are a few hundred bytes. */
const MAX_STDIN = 16 * 1024;

/** Where encrypt-credentials takes the new credentials from: the environment, a hidden prompt, or stdin lines. */
export async function readNewCredentials(exchangeId: string, fromEnv: boolean, env: Record<string, string | undefined>): Promise<VenueCredentials> {
  if (fromEnv) {
    const c = credentialsFromEnv(exchangeId, env);
    if (!c) {
      const names = credentialEnvNames(exchangeId);
      throw new CliError(`--from-env: ${names.apiKey} and ${names.secret} are not set. Set them, or drop --from-env to type the credentials`);
    }
    return c;
  }
  if (process.stdin.isTTY) {
    const apiKey = await promptHidden(`${exchangeId} API key: `);
    const secret = await promptHidden(`${exchangeId} API secret: `);
    const password = await promptHidden(`${exchangeId} passphrase (Enter if the venue has none): `);
    return checked([apiKey, secret, ...(password ? [password] : [])]);
  }
  return checked(linesOf(await readStdin()));
}

/** Two or three lines: key, secret, optional passphrase. Blank lines at the end are ignored. */
export function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function checked(lines: string[]): VenueCredentials {
  if (lines.length < 2 || lines.length > 3 || lines.some((l) => l === '')) {
    throw new CliError(
      `expected 2 or 3 non-empty lines on stdin (API key, secret, optional passphrase), got ${lines.length}. Pipe them one per line, or use --from-env`,
    );
  }
  const [apiKey, secret, password] = lines as [string, string, string | undefined];
  return { apiKey, secret, ...(password ? { password } : {}) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN) throw new CliError(`stdin holds more than ${MAX_STDIN} bytes; credentials are 2 or 3 short lines. Pipe only them`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
