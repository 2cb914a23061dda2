import { EngineInputError } from '../errors';
import type { ParamValue, StrategyParams } from './types';

/**
 * Parses `key=value` overrides against a strategy's declared defaults: unknown keys and values of the
 * wrong type are input errors. A value takes the type of its default; a strategy that declares no
 * parameters accepts any key, read as a number when it looks like one.
 */
export function resolveParams(defaults: StrategyParams | undefined, overrides: readonly string[]): StrategyParams {
  const out: StrategyParams = { ...(defaults ?? {}) };
  const declared = defaults !== undefined && Object.keys(defaults).length > 0;
  for (const raw of overrides) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new EngineInputError(`bad --param '${raw}': expected key=value. Write it like --param fast=10`);
    const key = raw.slice(0, eq).trim();
    const text = raw.slice(eq + 1).trim();
    if (!/^[A-Za-z_][\w.-]*$/.test(key)) throw new EngineInputError(`bad --param '${raw}': '${key}' is not a parameter name. Use letters, digits and _`);
    if (declared && !Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new EngineInputError(`unknown parameter '${key}'. This strategy takes: ${Object.keys(defaults!).join(', ')}`);
    }
    const expected = declared ? typeof defaults![key] : undefined;
    out[key] = coerce(key, text, expected as 'number' | 'string' | 'boolean' | undefined);
  }
  return out;
}

function coerce(key: string, text: string, expected: 'number' | 'string' | 'boolean' | undefined): ParamValue {
  const asNumber = text === '' ? Number.NaN : Number(text);
  if (expected === 'number' || (expected === undefined && Number.isFinite(asNumber))) {
    if (!Number.isFinite(asNumber)) throw new EngineInputError(`parameter '${key}' must be a number, got '${text}'. Write it like --param ${key}=10`);
    return asNumber;
  }
  if (expected === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new EngineInputError(`parameter '${key}' must be true or false, got '${text}'. Write it like --param ${key}=true`);
  }
  return text;
}
