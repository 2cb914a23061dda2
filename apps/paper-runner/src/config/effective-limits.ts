import { riskLimitsSchema, type RiskLimitsInput } from '@rustybt/engine';

export interface EffectiveLimit {
  key: string;
  value: string;
  /** 'flag', 'file:<path>:<line>', 'env:<NAME>' or 'default'. */
  source: string;
}

/** A limit someone decided on for real money: set by a flag or in config.yaml, not inherited from the environment. */
export const isDeliberate = (source: string): boolean => source === 'flag' || source.startsWith('file:');

/** Only the limits someone set on purpose (flags, config.yaml): what a real-money session may run with. */
export function deliberateLimits(risk: RiskLimitsInput | undefined, sources: Record<string, string>): RiskLimitsInput | undefined {
  if (risk === undefined) return undefined;
  return Object.fromEntries(Object.entries(risk).filter(([key]) => isDeliberate(sources[`risk.${key}`] ?? 'default'))) as RiskLimitsInput;
}

/** Every risk limit a session will run with, the engine's defaults included, and where each came from. */
export function effectiveLimits(risk: RiskLimitsInput | undefined, sources: Record<string, string>): EffectiveLimit[] {
  const resolved = riskLimitsSchema.parse(risk ?? {}) as Record<string, unknown>;
  return Object.keys(riskLimitsSchema.shape).map((key) => ({
    key,
    value: resolved[key] === undefined ? 'none' : String(resolved[key]),
    source: sources[`risk.${key}`] ?? 'default',
  }));
}

export const formatLimits = (limits: readonly EffectiveLimit[]): string =>
  ['risk limits:', ...limits.map((l) => `  ${l.key.padEnd(20)} ${l.value.padEnd(12)} ${l.source}`)].join('\n');
