import { z } from 'zod';
import { DECIMAL_STRING } from '../model/decimal';

const money = z.union([z.number().positive(), z.string().regex(DECIMAL_STRING)]).describe('An amount of the account currency; a string keeps every digit.');

/**
 * Pre-trade risk limits. Every key has a default, so `{}` is a valid configuration. Fractions are of
 * current equity (cash plus positions at their last price).
 */
export const riskLimitsSchema = z
  .object({
    maxPositionFraction: z
      .number()
      .positive()
      .default(1)
      .describe('Largest |position| value of one symbol, as a fraction of equity, counting open orders. Default 1.'),
    maxLeverage: z
      .number()
      .positive()
      .default(1)
      .describe('Largest gross exposure (sum of |position| values and open orders) divided by equity. Default 1 (no margin).'),
    maxDailyLoss: z
      .number()
      .positive()
      .max(1)
      .default(0.05)
      .describe(
        "Loss since the start of the UTC trading day, as a fraction of that day's starting equity, that stops new opening orders until the next day. Default 0.05.",
      ),
    dailyLossAction: z
      .enum(['reduce', 'halt'])
      .default('reduce')
      .describe('State entered on a daily-loss breach: REDUCING (only exposure-reducing orders) or HALTED (only cancels). Default reduce.'),
    maxOpenPositions: z.number().int().positive().default(10).describe('Most symbols held at once, counting open orders. Default 10.'),
    maxOrdersPerMinute: z.number().int().positive().default(60).describe('Most orders submitted in any 60 s of clock time. Default 60.'),
    maxNotionalPerOrder: money.optional().describe('Largest quantity x reference price of one opening order. Default: no limit.'),
  })
  .strict();

export type RiskLimits = z.infer<typeof riskLimitsSchema>;
export type RiskLimitsInput = z.input<typeof riskLimitsSchema>;

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export type RiskRule =
  | 'trading_state'
  | 'max_orders_per_minute'
  | 'max_notional_per_order'
  | 'max_position_size'
  | 'max_leverage'
  | 'max_open_positions'
  | 'max_daily_loss'
  | 'manual'
  | 'invalid_order';
