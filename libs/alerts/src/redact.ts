import { makeRedactor, REDACTED } from '@rustybt/core';

export { REDACTED };

/**
 * Core's redactor over a channel's secrets, plus the forms a channel error can quote them in: a
 * token percent-encoded in a URL, a credential base64-encoded in an auth header.
 */
export class Redactor {
  private readonly cut: (text: string) => string;

  constructor(secrets: ReadonlyArray<string | undefined>) {
    const forms: string[] = [];
    for (const s of secrets) {
      if (!s) continue;
      forms.push(s, encodeURIComponent(s), Buffer.from(s).toString('base64'));
    }
    this.cut = makeRedactor(forms);
  }

  text(value: string): string {
    return this.cut(value);
  }

  error(err: unknown): string {
    return this.text(err instanceof Error ? err.message : String(err));
  }
}
