/** Replaces every credential value, and any request signature, in text meant for logs, events or errors. */
export function makeRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    // Repeat until stable: removing one value can bring two halves of another together.
    for (let changed = true; changed; ) {
      changed = false;
      for (const v of values) {
        if (out.includes(v)) {
          out = out.split(v).join('***');
          changed = true;
        }
      }
    }
    return out.replace(/(signature=|sign=|X-BAPI-SIGN["':\s]+)[0-9a-fA-F]{16,}/g, '$1***');
  };
}
