import { faultRuleSchema, type FaultRule } from './options';

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
  limit: number;
}

/** Decides, per request, which fault (if any) the server plays instead of or around the real answer. */
export class FaultPlan {
  private rules: ActiveRule[] = [];

  constructor(
    rules: FaultRule[],
    private readonly sinceStart: () => number,
  ) {
    for (const r of rules) this.add(r);
  }

  add(input: unknown): FaultRule {
    const rule = faultRuleSchema.parse(input);
    const scheduled = rule.every !== undefined || rule.fromMs !== undefined || rule.untilMs !== undefined;
    this.rules.push({ rule, seen: 0, fired: 0, limit: rule.times ?? (scheduled ? Number.POSITIVE_INFINITY : 1) });
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  pending(): FaultRule[] {
    return this.rules.filter((r) => r.fired < r.limit).map((r) => r.rule);
  }

  /** The first rule that fires for this request; counts it as used. */
  take(method: string, path: string): FaultRule | undefined {
    const t = this.sinceStart();
    for (const active of this.rules) {
      const { rule } = active;
      if (active.fired >= active.limit) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !path.includes(rule.path)) continue;
      if (rule.fromMs !== undefined && t < rule.fromMs) continue;
      if (rule.untilMs !== undefined && t >= rule.untilMs) continue;
      active.seen++;
      if (active.seen <= (rule.skip ?? 0)) continue;
      if (rule.every !== undefined && (active.seen - (rule.skip ?? 0)) % rule.every !== 0) continue;
      active.fired++;
      return rule;
    }
    return undefined;
  }
}
