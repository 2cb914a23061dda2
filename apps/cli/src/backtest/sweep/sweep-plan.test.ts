import { describe, expect, it } from 'vitest';
import { CliError } from '../../errors';
import { planSweep } from './sweep-plan';

describe('planSweep', () => {
  it('starts no more threads than this shard has combinations', () => {
    const plan = planSweep({ sweep: ['fast=5,10,20', 'slow=30..90:30'], jobs: '8', shard: '2/4' });
    expect(plan.all).toHaveLength(9);
    expect(plan.mine.map((m) => m.position)).toEqual([1, 5]);
    expect(plan.threads).toBe(2);
    expect(planSweep({ sweep: ['fast=5,10,20'], jobs: '2' }).threads).toBe(2);
    expect(planSweep({ sweep: ['fast=5'], jobs: '1' }).threads).toBe(1);
  });

  it('refuses a shard with nothing to run, naming how many shards the sweep can take', () => {
    expect(() => planSweep({ sweep: ['fast=5,10'], shard: '3/3' })).toThrow(
      /--shard 3\/3 has no combinations: the sweep has 2. Split it into at most 2 shards/,
    );
  });

  it('refuses malformed flags as input errors', () => {
    expect(() => planSweep({ sweep: ['slow=30..10'] })).toThrow(CliError);
    expect(() => planSweep({ sweep: ['fast=5'], jobs: '0' })).toThrow(CliError);
    expect(() => planSweep({ sweep: ['fast=5'], shard: '3/2' })).toThrow(CliError);
  });
});
