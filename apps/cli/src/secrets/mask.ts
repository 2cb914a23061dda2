/** An API key as `--list` shows it: the first 4 and last 4 characters; a short one not at all. */
export function maskKey(key: string): string {
  return key.length >= 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : `**** (${key.length} characters)`;
}
