import { describe, expect, it } from 'vitest';
import { StatusSnapshot } from './status-snapshot';

describe('StatusSnapshot', () => {
  it('reads once per interval, serves from memory in between, and catches up after', async () => {
    let t = 0;
    let reads = 0;
    const snap = new StatusSnapshot(
      () => ++reads,
      500,
      () => t,
    );
    expect(snap.latest()).toBe(1);
    for (let i = 0; i < 100; i++) snap.latest();
    snap.refresh();
    expect(reads).toBe(1);
    t = 600;
    snap.refresh();
    expect(snap.latest()).toBe(2);
    snap.refresh(true);
    expect(snap.latest()).toBe(3);
    snap.close();
  });

  it('a refresh asked for too soon still happens once the interval is over', async () => {
    let reads = 0;
    const snap = new StatusSnapshot(() => ++reads, 20);
    snap.latest();
    snap.refresh();
    snap.refresh();
    await new Promise<void>((resolve) => {
      const poll = () => (reads >= 2 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(reads).toBe(2);
    snap.close();
  });
});
