/**
 * Failed authentications per client address in a sliding window: past `limit` failures the client
 * is answered 429 without its token even being checked, until the window has moved on. Bounded
 * memory: the oldest address is forgotten first.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly limit = 10,
    readonly windowMs = 60_000,
    private readonly maxClients = 1024,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this client may try again, or 0 when it may now. */
  blockedFor(client: string): number {
    const times = this.recent(client);
    return times.length >= this.limit ? times[0]! + this.windowMs - this.now() : 0;
  }

  record(client: string): void {
    const times = this.recent(client);
    times.push(this.now());
    this.failures.delete(client);
    this.failures.set(client, times.slice(-this.limit));
    if (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(client: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(client) ?? []).filter((t) => t > cutoff);
  }
}
