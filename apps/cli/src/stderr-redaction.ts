import { makeRedactor, secretValuesFromEnv } from '@rustybt/core';

// Secrets known so far: the environment's at start, plus any a command learns later (a .env file).
const known = new Set<string>();
let redactor = makeRedactor([]);

/** Adds secret values the final stderr pass must remove (credentials, the values of *_KEY, *_SECRET... variables). */
export function knowSecrets(values: Iterable<string | undefined>): void {
  const before = known.size;
  for (const v of values) if (typeof v === 'string') known.add(v);
  if (known.size !== before) redactor = makeRedactor([...known]);
}

/** Text as the CLI may print it on stderr: every known secret (and any 8+ character start of one) removed. */
export function redactForStderr(text: string): string {
  return redactor(text);
}

/**
 * Passes everything written to the stream (errors, --debug stacks, commander's messages, warnings
 * of the libraries) through the redactor: the last line of defence, whoever wrote the text. A secret
 * split across two writes is not seen whole; every writer here writes whole lines.
 */
export function redactStream(stream: NodeJS.WriteStream, env: Record<string, string | undefined> = process.env): void {
  knowSecrets(secretValuesFromEnv(env));
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const encoding = typeof rest[0] === 'string' ? rest[0] : undefined;
    if (typeof chunk === 'string' && (encoding === undefined || /^utf-?8$/i.test(encoding))) return write(redactForStderr(chunk), ...rest);
    if (chunk instanceof Uint8Array) return write(redactForStderr(Buffer.from(chunk).toString('utf8')), ...rest);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
