import { Decimal } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { matchClose, matchNextOpen, type Matchable } from './match';
import { bar } from './test-support';

const D = (x: number) => new Decimal(x);
const o = (side: 'buy' | 'sell', type: Matchable['type'], limit?: number, stop?: number): Matchable => ({
  side,
  type,
  ...(limit !== undefined ? { limitPrice: D(limit) } : {}),
  ...(stop !== undefined ? { stopPrice: D(stop) } : {}),
});
const at = (r: { price?: Decimal; taker: boolean; triggered: boolean }) => [r.price?.toString() ?? null, r.taker ? 'taker' : 'maker', r.triggered];

// Bar: open 100, high 105, low 95, close 102.
const b = bar(1, 100, 105, 95, 102);

describe('matchNextOpen', () => {
  it.each([
    ['market buy at the open', o('buy', 'market'), false, ['100', 'taker', false]],
    ['market sell at the open', o('sell', 'market'), false, ['100', 'taker', false]],
    ['buy limit touched inside the bar fills at the limit', o('buy', 'limit', 97), false, ['97', 'maker', false]],
    ['buy limit gapped through (open below it) fills at the better open', o('buy', 'limit', 101), false, ['100', 'taker', false]],
    ['buy limit below the low does not fill', o('buy', 'limit', 94), false, [null, 'maker', false]],
    ['sell limit touched inside the bar', o('sell', 'limit', 104), false, ['104', 'maker', false]],
    ['sell limit gapped through fills at the open', o('sell', 'limit', 98), false, ['100', 'taker', false]],
    ['buy stop reached inside the bar fills at the stop', o('buy', 'stop', undefined, 103), false, ['103', 'taker', true]],
    ['buy stop gapped through fills at the worse open', o('buy', 'stop', undefined, 99), false, ['100', 'taker', true]],
    ['buy stop above the high waits', o('buy', 'stop', undefined, 106), false, [null, 'taker', false]],
    ['sell stop reached inside the bar', o('sell', 'stop', undefined, 96), false, ['96', 'taker', true]],
    ['sell stop gapped through fills at the open', o('sell', 'stop', undefined, 101), false, ['100', 'taker', true]],
    ['a triggered stop fills at the open like a market order', o('buy', 'stop', undefined, 200), true, ['100', 'taker', true]],
    ['buy stop-limit triggered inside the bar within its limit fills at the stop', o('buy', 'stop_limit', 104, 103), false, ['103', 'taker', true]],
    ['buy stop-limit triggered inside the bar above its limit rests', o('buy', 'stop_limit', 102, 103), false, [null, 'maker', true]],
    ['buy stop-limit gapped through, open within limit: fills at the open', o('buy', 'stop_limit', 101, 99), false, ['100', 'taker', true]],
    ['buy stop-limit gapped through above the limit: fills at the limit when the bar comes back', o('buy', 'stop_limit', 96, 99), false, ['96', 'maker', true]],
    ['triggered stop-limit acts as a limit', o('buy', 'stop_limit', 97, 300), true, ['97', 'maker', true]],
    ['sell stop-limit triggered inside the bar', o('sell', 'stop_limit', 95.5, 96), false, ['96', 'taker', true]],
  ])('%s', (_name, order, triggered, expected) => {
    expect(at(matchNextOpen(order, triggered, b))).toEqual(expected);
  });
});

describe('matchClose', () => {
  it.each([
    ['market at the close', o('buy', 'market'), false, true, ['102', 'taker', false]],
    ['buy limit at or above the close fills at the close', o('buy', 'limit', 102), false, true, ['102', 'taker', false]],
    ['buy limit below the close waits, even if the low reached it', o('buy', 'limit', 96), false, true, [null, 'taker', false]],
    ['a resting limit filled on a later close is a maker', o('buy', 'limit', 103), false, false, ['102', 'maker', false]],
    ['buy stop at or below the close triggers and fills at the close', o('buy', 'stop', undefined, 101), false, true, ['102', 'taker', true]],
    ['buy stop above the close waits, even if the high reached it', o('buy', 'stop', undefined, 104), false, true, [null, 'taker', false]],
    ['sell stop-limit triggered and within its limit', o('sell', 'stop_limit', 101, 103), false, true, ['102', 'taker', true]],
    ['sell stop-limit triggered but the close is below its limit', o('sell', 'stop_limit', 103, 103), false, false, [null, 'maker', true]],
  ])('%s', (_name, order, triggered, submissionBar, expected) => {
    expect(at(matchClose(order, triggered, b, submissionBar))).toEqual(expected);
  });
});
