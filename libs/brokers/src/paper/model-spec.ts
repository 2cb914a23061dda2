import { Decimal } from '@rustybt/engine';
import type { PaperBrokerConfig } from './config';

type Slippage = PaperBrokerConfig['slippage'];
type Commission = PaperBrokerConfig['commission'];
type Latency = PaperBrokerConfig['latency'];

/** A model string that does not parse: the message names the flag; exit code 2 (input error). */
export class ModelSpecError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelSpecError';
  }
}

export const SLIPPAGE_FORMS = 'none, fixed-bps:<bps> or volume-share:<impact>';
export const COMMISSION_FORMS = 'none, percent:<rate>, per-share:<amount>[:<minimum>] or maker-taker:<maker>:<taker>';
export const LATENCY_FORMS = 'none, fixed:<ms> or uniform:<min>:<max>';

const plain = (n: number) => new Decimal(n).toFixed();
const show = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);
const PLAIN = /^\d+(\.\d+)?$/;

/**
 * A non-negative decimal written plainly (no sign, exponent or hex), read with decimal.js and
 * handed over as the double that prints as the same digits, so a rate is exactly what was typed.
 */
function rate(flag: string, text: string, what: string, spec: string, percentSign = false): number {
  let body = text.trim();
  const percent = percentSign && body.endsWith('%');
  if (percent) body = body.slice(0, -1).trim();
  if (/^-\s*\d/.test(body)) throw new ModelSpecError(flag, `${flag} ${show(spec)}: ${what} ${body} is negative. Give a rate of 0 or more`);
  if (!PLAIN.test(body)) throw new ModelSpecError(flag, `${flag} ${show(spec)}: ${what} ${show(body)} is not a number. Give a plain decimal such as 0.001`);
  let value = new Decimal(body);
  if (percent) value = value.div(100);
  const n = value.toNumber();
  if (!Number.isFinite(n) || !new Decimal(n).eq(value)) {
    throw new ModelSpecError(flag, `${flag} ${show(spec)}: ${what} ${body} has more digits than a rate can hold. Give at most 15 significant digits`);
  }
  return n;
}

function wholeMs(flag: string, text: string, what: string, spec: string): number {
  const n = rate(flag, text, what, spec);
  if (!Number.isSafeInteger(n))
    throw new ModelSpecError(flag, `${flag} ${show(spec)}: ${what} ${text.trim()} is not a whole number of milliseconds. Give one such as 250`);
  return n;
}

/** A fraction of notional: below 1, or written with a % sign (`0.1%`). */
function fraction(flag: string, text: string, what: string, spec: string): number {
  const n = rate(flag, text, what, spec, true);
  if (n >= 1)
    throw new ModelSpecError(
      flag,
      `${flag} ${show(spec)}: ${what} ${text.trim()} is ${n * 100}% of the notional. Give a fraction such as 0.001 or a percentage such as 0.1%`,
    );
  return n;
}

function split(flag: string, spec: string, forms: string): [string, string[]] {
  if (typeof spec !== 'string' || spec.trim() === '') throw new ModelSpecError(flag, `${flag} is empty. Give ${forms}`);
  const [model, ...args] = spec.trim().split(':');
  return [model!.trim(), args];
}

function arity(flag: string, spec: string, forms: string, args: string[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    throw new ModelSpecError(flag, `${flag} ${show(spec)} has ${args.length} value${args.length === 1 ? '' : 's'} after the model name. Give ${forms}`);
}

/** `none`, `fixed-bps:<bps>` or `volume-share:<impact>`. */
export function parseSlippage(spec: string, flag = '--slippage'): Slippage {
  const [model, args] = split(flag, spec, SLIPPAGE_FORMS);
  switch (model) {
    case 'none':
      arity(flag, spec, SLIPPAGE_FORMS, args, 0);
      return { model: 'none' };
    case 'fixed-bps':
      arity(flag, spec, SLIPPAGE_FORMS, args, 1);
      return { model: 'fixed-bps', bps: rate(flag, args[0]!, 'bps', spec) };
    case 'volume-share':
      arity(flag, spec, SLIPPAGE_FORMS, args, 1);
      return { model: 'volume-share', priceImpact: rate(flag, args[0]!, 'impact', spec) };
    default:
      throw new ModelSpecError(flag, `${flag} ${show(spec)}: unknown model ${show(model)}. Give ${SLIPPAGE_FORMS}`);
  }
}

/** `none`, `percent:<rate>`, `per-share:<amount>[:<minimum>]` or `maker-taker:<maker>:<taker>`; rates as fractions (0.001) or with % (0.1%). */
export function parseCommission(spec: string, flag = '--commission'): Commission {
  const [model, args] = split(flag, spec, COMMISSION_FORMS);
  switch (model) {
    case 'none':
      arity(flag, spec, COMMISSION_FORMS, args, 0);
      return { model: 'none' };
    case 'percent':
      arity(flag, spec, COMMISSION_FORMS, args, 1);
      return { model: 'percent', rate: fraction(flag, args[0]!, 'rate', spec) };
    case 'per-share':
      arity(flag, spec, COMMISSION_FORMS, args, 1, 2);
      return { model: 'per-share', perShare: rate(flag, args[0]!, 'amount', spec), minimum: args[1] === undefined ? 0 : rate(flag, args[1], 'minimum', spec) };
    case 'maker-taker':
      arity(flag, spec, COMMISSION_FORMS, args, 2);
      return { model: 'maker-taker', maker: fraction(flag, args[0]!, 'maker rate', spec), taker: fraction(flag, args[1]!, 'taker rate', spec) };
    default:
      throw new ModelSpecError(flag, `${flag} ${show(spec)}: unknown model ${show(model)}. Give ${COMMISSION_FORMS}`);
  }
}

/** `none`, `fixed:<ms>` or `uniform:<min>:<max>` (whole milliseconds of market time). */
export function parseLatency(spec: string, flag = '--latency'): Latency {
  const [model, args] = split(flag, spec, LATENCY_FORMS);
  switch (model) {
    case 'none':
      arity(flag, spec, LATENCY_FORMS, args, 0);
      return { model: 'none' };
    case 'fixed':
      arity(flag, spec, LATENCY_FORMS, args, 1);
      return { model: 'fixed', ms: wholeMs(flag, args[0]!, 'delay', spec) };
    case 'uniform': {
      arity(flag, spec, LATENCY_FORMS, args, 2);
      const minMs = wholeMs(flag, args[0]!, 'minimum', spec);
      const maxMs = wholeMs(flag, args[1]!, 'maximum', spec);
      if (maxMs < minMs)
        throw new ModelSpecError(flag, `${flag} ${show(spec)}: the maximum ${maxMs} is below the minimum ${minMs}. Give uniform:<min>:<max> with min <= max`);
      return { model: 'uniform', minMs, maxMs };
    }
    default:
      throw new ModelSpecError(flag, `${flag} ${show(spec)}: unknown model ${show(model)}. Give ${LATENCY_FORMS}`);
  }
}

/** The most of a bar's volume filled per bar: a fraction in (0, 1]. */
export function parseVolumeLimit(spec: string, flag = '--volume-limit'): number {
  if (typeof spec !== 'string' || spec.trim() === '') throw new ModelSpecError(flag, `${flag} is empty. Give a fraction of bar volume such as 0.1`);
  const n = rate(flag, spec, 'fraction', spec);
  if (n <= 0 || n > 1)
    throw new ModelSpecError(flag, `${flag} ${show(spec)} is not in (0, 1]. Give a fraction of bar volume such as 0.1 (1 = no limit below the bar's volume)`);
  return n;
}

/** A model as the flag that selects it, e.g. `fixed-bps:10` (the inverse of the parsers above). */
export function describeSlippage(s: Slippage): string {
  return s.model === 'none' ? 'none' : s.model === 'fixed-bps' ? `fixed-bps:${plain(s.bps)}` : `volume-share:${plain(s.priceImpact)}`;
}

export function describeCommission(c: Commission): string {
  switch (c.model) {
    case 'none':
      return 'none';
    case 'percent':
      return `percent:${plain(c.rate)}`;
    case 'per-share':
      return c.minimum === 0 ? `per-share:${plain(c.perShare)}` : `per-share:${plain(c.perShare)}:${plain(c.minimum)}`;
    case 'maker-taker':
      return `maker-taker:${plain(c.maker)}:${plain(c.taker)}`;
  }
}

export function describeLatency(l: Latency): string {
  return l.model === 'none' ? 'none' : l.model === 'fixed' ? `fixed:${plain(l.ms)}` : `uniform:${plain(l.minMs)}:${plain(l.maxMs)}`;
}
