import { describe, expect, it } from 'vitest';
import { abortableSleep, BrokerClosed, currentCallSignal, DeadlineExceeded, withDeadline } from './deadline';

const never = () => new Promise<never>(() => {});

describe('withDeadline', () => {
  it('passes the value through and leaves the call signal unaborted', async () => {
    let seen: AbortSignal | undefined;
    const v = await withDeadline(1000, new AbortController().signal, async () => {
      await Promise.resolve();
      seen = currentCallSignal();
      return 7;
    });
    expect(v).toBe(7);
    expect(seen?.aborted).toBe(false);
  });

  it('rejects at the deadline and aborts the signal the call runs under, whatever it waits on', async () => {
    let seen: AbortSignal | undefined;
    const p = withDeadline(20, new AbortController().signal, async () => {
      await Promise.resolve();
      seen = currentCallSignal();
      return never();
    });
    await expect(p).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(DeadlineExceeded);
  });

  it('rejects with BrokerClosed when the close signal aborts, before or during the call', async () => {
    const closing = new AbortController();
    const p = withDeadline(60_000, closing.signal, never);
    closing.abort();
    await expect(p).rejects.toBeInstanceOf(BrokerClosed);
    await expect(withDeadline(60_000, closing.signal, never)).rejects.toBeInstanceOf(BrokerClosed);
  });

  it('keeps concurrent calls apart: each sees its own signal', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const closed = new AbortController().signal;
    const a = withDeadline(20, closed, async () => (signals.push(currentCallSignal()), never()));
    const b = withDeadline(1000, closed, async () => (signals.push(currentCallSignal()), 'b'));
    await expect(a).rejects.toBeInstanceOf(DeadlineExceeded);
    await expect(b).resolves.toBe('b');
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals.map((s) => s?.aborted)).toEqual([true, false]);
  });
});

describe('abortableSleep', () => {
  it('ends at once when the signal aborts', async () => {
    const c = new AbortController();
    const p = abortableSleep(60_000, c.signal);
    c.abort();
    await expect(p).resolves.toBeUndefined();
  });
});
