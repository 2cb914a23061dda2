import type Decimal from 'decimal.js';
import type { SimMarket } from '../markets';
import type { SimOrder, SimTrade } from '../venue';

const STATUS: Record<SimOrder['status'], string> = {
  NEW: 'New',
  PARTIALLY_FILLED: 'PartiallyFilled',
  FILLED: 'Filled',
  CANCELED: 'Cancelled',
  REJECTED: 'Rejected',
};
const plain = (v: Decimal): string => v.toFixed();

export function bybitInstrument(m: SimMarket) {
  return {
    symbol: m.id,
    baseCoin: m.base,
    quoteCoin: m.quote,
    innovation: '0',
    status: 'Trading',
    marginTrading: 'none',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: plain(m.stepSize),
      quotePrecision: '0.00000001',
      minOrderQty: plain(m.minQty),
      maxOrderQty: '9000',
      minOrderAmt: plain(m.minNotional),
      maxOrderAmt: '9000000',
    },
    priceFilter: { tickSize: plain(m.tickSize) },
    riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
  };
}

export function bybitOrder(o: SimOrder) {
  const avg = o.executedQty.isZero() ? '' : plain(o.cumQuote.div(o.executedQty).toDecimalPlaces(8));
  const fee = o.trades.reduce((sum, t) => sum.add(t.commission), o.executedQty.mul(0));
  const leaves = o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' ? o.quantity.sub(o.executedQty) : o.executedQty.mul(0);
  return {
    orderId: o.orderId,
    orderLinkId: o.clientOrderId,
    blockTradeId: '',
    symbol: o.symbol,
    price: o.price ? plain(o.price) : '0',
    qty: plain(o.quantity),
    side: o.side === 'BUY' ? 'Buy' : 'Sell',
    isLeverage: '0',
    positionIdx: 0,
    orderStatus: STATUS[o.status],
    cancelType: o.status === 'CANCELED' ? 'CancelByUser' : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: avg,
    leavesQty: plain(leaves),
    leavesValue: o.price ? plain(leaves.mul(o.price)) : '0',
    cumExecQty: plain(o.executedQty),
    cumExecValue: plain(o.cumQuote),
    cumExecFee: plain(fee),
    timeInForce: o.timeInForce,
    orderType: o.type === 'MARKET' ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    triggerPrice: '0',
    takeProfit: '',
    stopLoss: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: false,
    closeOnTrigger: false,
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    tpslMode: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    placeType: '',
    createdTime: String(o.createdAt),
    updatedTime: String(o.updatedAt),
  };
}

export function bybitExecution(o: SimOrder, t: SimTrade) {
  return {
    symbol: t.symbol,
    orderId: t.orderId,
    orderLinkId: o.clientOrderId,
    side: t.side === 'BUY' ? 'Buy' : 'Sell',
    orderPrice: o.price ? plain(o.price) : '0',
    orderQty: plain(o.quantity),
    leavesQty: '0',
    orderType: o.type === 'MARKET' ? 'Market' : 'Limit',
    stopOrderType: '',
    execFee: plain(t.commission),
    feeCurrency: t.commissionAsset,
    execId: String(t.id),
    execPrice: plain(t.price),
    execQty: plain(t.qty),
    execType: 'Trade',
    execValue: plain(t.quoteQty),
    execTime: String(t.time),
    isMaker: t.isMaker,
    feeRate: '0.001',
    tradeIv: '',
    markIv: '',
    markPrice: '',
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: '',
    seq: t.id,
  };
}
