import Decimal from 'decimal.js';
import { z } from 'zod';
import { DECIMAL_STRING } from '../model/decimal';
import { decimalString, orderJsonSchema } from '../model/serialize';

const portfolioJsonSchema = z.object({
  cash: decimalString,
  fees: decimalString,
  realizedPnl: decimalString,
  positions: z.array(
    z.object({ symbol: z.string().min(1), quantity: decimalString, averagePrice: decimalString, realizedPnl: decimalString, lastPrice: z.number().nullable() }),
  ),
});

const riskStateJsonSchema = z.object({
  state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
  day: z.number().int().nullable(),
  dayStartEquity: decimalString.nullable(),
  recentOrderTimes: z.array(z.number()),
  stateRule: z
    .enum([
      'trading_state',
      'max_orders_per_minute',
      'max_notional_per_order',
      'max_position_size',
      'max_leverage',
      'max_open_positions',
      'max_daily_loss',
      'manual',
      'invalid_order',
    ])
    .nullable(),
});

const openTradeJsonSchema = z.object({
  symbol: z.string().min(1),
  side: z.enum(['long', 'short']),
  entryTime: z.number(),
  entryQuantity: decimalString,
  entryCost: decimalString,
  exitQuantity: decimalString,
  exitValue: decimalString,
  realized: decimalString,
  fees: decimalString,
});

/**
 * Everything needed to resume a run where it stopped: the account, the open orders, the strategy's
 * state, the risk state, the order-id sequence (so no client order id is reused) and the last bar.
 * Validated on the way in because it comes back from disk.
 */
export const engineSnapshotSchema = z.object({
  version: z.literal(1),
  runId: z.string().min(1),
  orderSeq: z.number().int().nonnegative(),
  lastBarTime: z.number().nullable(),
  barsProcessed: z.number().int().nonnegative(),
  // zod runs a refinement even after the format check failed: test the format again first.
  capital: decimalString.refine((v) => DECIMAL_STRING.test(v) && new Decimal(v).gt(0), 'capital must be positive'),
  portfolio: portfolioJsonSchema,
  openOrders: z.array(orderJsonSchema),
  strategyState: z.record(z.string(), z.unknown()),
  risk: riskStateJsonSchema,
  openTrades: z.array(openTradeJsonSchema),
});

export type EngineSnapshot = z.infer<typeof engineSnapshotSchema>;
