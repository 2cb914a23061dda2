import { describe, expect, it } from 'vitest';
import { onStopSignals } from './signals';

describe('onStopSignals', () => {
  it('asks for a graceful stop on the first signal and exits at once on the second', () => {
    const before = process.listenerCount('SIGTERM');
    const raise = (signal: NodeJS.Signals) => (process.emit as (event: string, arg: unknown) => boolean)(signal, signal);
    const stops: string[] = [];
    const exits: number[] = [];
    const off = onStopSignals(
      (s) => stops.push(s),
      (c) => exits.push(c),
    );
    try {
      raise('SIGTERM');
      expect(stops).toEqual(['SIGTERM']);
      expect(exits).toEqual([]);
      raise('SIGINT');
      expect(exits).toEqual([130]);
    } finally {
      off();
    }
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
