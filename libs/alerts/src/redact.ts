export const REDACTED = '[REDACTED]';

/**
 * Cuts known secret values out of text, also in the encodings an error message may quote them in
 * (a URL with the token percent-encoded, a Basic auth header). Values under 4 characters are not
 * secrets worth the false positives.
 */
export class Redactor {
  private readonly needles: string[];

  constructor(private readonly secrets: ReadonlyArray<string | undefined>) {
    const set = new Set<string>();
    for (const s of secrets) {
      if (!s || s.length < 4) continue;
      set.add(s);
      set.add(encodeURIComponent(s));
      set.add(Buffer.from(s).toString('base64'));
    }
    // Longest first, so a secret containing another is cut whole.
    this.needles = [...set].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const n of this.needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  }

  error(err: unknown): string {
    return this.text(err instanceof Error ? err.message : String(err));
  }

  /** A redactor for these secrets and another's. */
  with(other: Redactor): Redactor {
    return new Redactor([...this.secrets, ...other.secrets]);
  }
}
