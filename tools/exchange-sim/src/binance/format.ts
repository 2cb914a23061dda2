import type Decimal from 'decimal.js';
import type { SimMarket } from '../markets';
import type { SimOrder, SimTrade } from '../venue';

const d8 = (v: Decimal): string => v.toFixed(8);

export function binanceSymbol(m: SimMarket) {
  return {
    symbol: m.id,
    status: 'TRADING',
    baseAsset: m.base,
    baseAssetPrecision: 8,
    quoteAsset: m.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: d8(m.tickSize), maxPrice: '1000000.00000000', tickSize: d8(m.tickSize) },
      { filterType: 'LOT_SIZE', minQty: d8(m.minQty), maxQty: '9000.00000000', stepSize: d8(m.stepSize) },
      {
        filterType: 'NOTIONAL',
        minNotional: d8(m.minNotional),
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export function binanceOrder(o: SimOrder) {
  return {
    symbol: o.symbol,
    orderId: Number(o.orderId),
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: d8(o.price ?? o.executedQty.mul(0)),
    origQty: d8(o.quantity),
    executedQty: d8(o.executedQty),
    cummulativeQuoteQty: d8(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: o.createdAt,
    updateTime: o.updatedAt,
    isWorking: o.type === 'LIMIT',
    workingTime: o.createdAt,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'NONE',
  };
}

/** The answer to POST /api/v3/order, shaped by `newOrderRespType` (MARKET defaults to FULL, like the venue). */
export function binanceNewOrder(o: SimOrder, respType: string) {
  const ack = { symbol: o.symbol, orderId: Number(o.orderId), orderListId: -1, clientOrderId: o.clientOrderId, transactTime: o.createdAt };
  if (respType === 'ACK') return ack;
  const { time: _time, updateTime: _updateTime, isWorking: _isWorking, stopPrice: _stop, icebergQty: _iceberg, ...result } = binanceOrder(o);
  const withTime = { ...result, transactTime: o.createdAt };
  if (respType === 'RESULT') return withTime;
  return {
    ...withTime,
    fills: o.trades.map((t) => ({ price: d8(t.price), qty: d8(t.qty), commission: d8(t.commission), commissionAsset: t.commissionAsset, tradeId: t.id })),
  };
}

export function binanceTrade(t: SimTrade) {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: Number(t.orderId),
    orderListId: -1,
    price: d8(t.price),
    qty: d8(t.qty),
    quoteQty: d8(t.quoteQty),
    commission: d8(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.side === 'BUY',
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}
