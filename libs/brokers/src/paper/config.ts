import { z } from 'zod';

const rate = z.number().nonnegative();

export const slippageSchema = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('none') }).strict(),
    z.object({ model: z.literal('fixed-bps'), bps: rate.default(5).describe('Price moved against the order, in basis points. Default 5.') }).strict(),
    z
      .object({
        model: z.literal('volume-share'),
        priceImpact: rate.default(0.1).describe('Price moved by priceImpact x (fill qty / bar volume)^2. Default 0.1.'),
      })
      .strict(),
  ])
  .describe('How far a fill price moves against the order.');

export const commissionSchema = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('none') }).strict(),
    z
      .object({
        model: z.literal('per-share'),
        perShare: rate.default(0.005).describe('Per unit filled. Default 0.005.'),
        minimum: rate.default(0).describe('Least charged per fill. Default 0.'),
      })
      .strict(),
    z.object({ model: z.literal('percent'), rate: rate.default(0.001).describe('Fraction of fill notional. Default 0.001 (10 bps).') }).strict(),
    z
      .object({
        model: z.literal('maker-taker'),
        maker: rate.default(0.001).describe('Fraction of notional for fills that rested. Default 0.001.'),
        taker: rate.default(0.002).describe('Fraction of notional for fills that took liquidity. Default 0.002.'),
      })
      .strict(),
  ])
  .describe('What each fill costs.');

export const latencySchema = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('none') }).strict(),
    z.object({ model: z.literal('fixed'), ms: rate.describe('Delay before an order can fill, in market time.') }).strict(),
    z
      .object({ model: z.literal('uniform'), minMs: rate, maxMs: rate })
      .strict()
      .refine((l) => l.maxMs >= l.minMs, { message: 'maxMs must be at least minMs' }),
  ])
  .describe('Delay, in bar (market) time, between submitting an order and the first bar it can fill on. Seeded.');

/** PaperBroker settings. `{}` gives every default. */
export const paperBrokerConfigSchema = z
  .object({
    fillAt: z
      .enum(['next-open', 'close'])
      .default('next-open')
      .describe(
        "'next-open': an order placed on bar i fills from bar i+1's open on; 'close': only bar closes trade, an order fills at the close of the bar it was placed on when it can. Default next-open.",
      ),
    slippage: slippageSchema.default({ model: 'none' }),
    commission: commissionSchema.default({ model: 'none' }),
    latency: latencySchema.default({ model: 'none' }),
    volumeLimit: z
      .number()
      .positive()
      .max(1)
      .default(0.1)
      .describe(
        "Most of a bar's volume the broker fills, over all orders of that symbol; the rest carries to later bars. Bars with volume 0 carry no limit. Default 0.1.",
      ),
    allowShort: z.boolean().default(false).describe('Allow selling more than is held (short proceeds need as much free cash). Default false.'),
    currency: z.string().min(1).default('USD').describe('Name of the cash balance. Default USD.'),
    seed: z.number().int().default(0).describe('Seed of the latency model. Default 0.'),
  })
  .strict();

export type PaperBrokerConfig = z.infer<typeof paperBrokerConfigSchema>;
export type PaperBrokerConfigInput = z.input<typeof paperBrokerConfigSchema>;
