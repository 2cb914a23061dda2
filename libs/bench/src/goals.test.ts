import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGoal, parseGoal } from './goals';
import { seriesOf } from './run-suite';

describe('goals', () => {
  it('parses every goal form into base units', () => {
    expect(parseGoal('>= 1e6 bars/s')).toMatchObject({ metric: 'perSecond', op: '>=', value: 1e6, unit: 'bars' });
    expect(parseGoal('p99 <= 200us')).toMatchObject({ metric: 'p99', op: '<=', value: 200_000 });
    expect(parseGoal('p50 < 1.5ms')).toMatchObject({ metric: 'median', op: '<', value: 1_500_000 });
    expect(parseGoal('ratio <= 2x')).toMatchObject({ metric: 'ratio', value: 2 });
    expect(parseGoal('rme <= 5%')).toMatchObject({ metric: 'rme', value: 5 });
    expect(parseGoal('rss <= 256MB')).toMatchObject({ metric: 'rss', value: 256 * 1024 ** 2 });
  });

  it('rejects anything else with a message that shows the forms', () => {
    expect(() => parseGoal('fast please')).toThrow(/cannot read goal "fast please"\. Write one of/);
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseGoal(text);
        } catch (err) {
          expect((err as Error).message).toMatch(/^cannot read goal/);
        }
      }),
    );
  });

  it('evaluates goals against a result', () => {
    const result = {
      name: 'c',
      kind: 'latency' as const,
      unit: 'ops',
      case: seriesOf('c', [100_000, 150_000, 300_000]),
      reference: seriesOf('r', [50_000, 60_000, 70_000]),
      ratio: 2.5,
      peakRssBytes: 1e8,
      rssScope: 'process' as const,
    };
    expect(evaluateGoal(parseGoal('median <= 200us'), result)).toEqual({ goal: 'median <= 200us', actual: 150_000, met: true });
    expect(evaluateGoal(parseGoal('ratio <= 2'), result).met).toBe(false);
    expect(evaluateGoal(parseGoal('max < 300us'), result).met).toBe(false);
  });
});
