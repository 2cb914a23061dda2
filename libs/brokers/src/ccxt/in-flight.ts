import type { BrokerEvent } from '@rustybt/engine';

/** The broker's background work (placing, cancelling, polling): a failure nothing caught is reported, and close() waits for the rest. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly emit: (event: BrokerEvent) => void,
    private readonly redact: (text: string) => string,
  ) {}

  add(p: Promise<unknown>): void {
    const guarded = p.catch((e: unknown) => {
      this.emit({
        type: 'broker_error',
        operation: 'internal',
        errorType: 'UnexpectedError',
        message: this.redact(e instanceof Error ? e.message : String(e)),
      });
    });
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
  }

  /** Resolves once everything pending has settled, or after `boundMs` at the latest. */
  settled(boundMs: number): Promise<unknown> {
    return Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => setTimeout(resolve, boundMs).unref())]);
  }
}
