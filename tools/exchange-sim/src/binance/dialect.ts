import Decimal from 'decimal.js';
import { signatureMatches, withinWindow } from '../auth';
import { json, type Dialect, type SimRequest, type SimResponse } from '../http-types';
import { barsBetween } from '../klines';
import { type Venue, VenueError, type SimAccount } from '../venue';
import { binanceNewOrder, binanceOrder, binanceSymbol, binanceTrade } from './format';

const MIN = 60_000;
const INTERVALS: Record<string, number> = {
  '1m': MIN,
  '3m': 3 * MIN,
  '5m': 5 * MIN,
  '15m': 15 * MIN,
  '30m': 30 * MIN,
  '1h': 60 * MIN,
  '2h': 120 * MIN,
  '4h': 240 * MIN,
  '6h': 360 * MIN,
  '8h': 480 * MIN,
  '12h': 720 * MIN,
  '1d': 1440 * MIN,
  '3d': 4320 * MIN,
  '1w': 10080 * MIN,
};

const err = (status: number, code: number, msg: string): SimResponse => json(status, { code, msg });

/** `symbols=["BTCUSDT",...]` as the venue takes it; anything else is an invalid symbol. */
function symbolList(raw: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new VenueError('bad_symbol', 'Invalid symbol.');
  }
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) throw new VenueError('bad_symbol', 'Invalid symbol.');
  return parsed as string[];
}

const VENUE_ERRORS: Record<VenueError['code'], [number, number]> = {
  insufficient_balance: [400, -2010],
  duplicate_order: [400, -2010],
  cannot_trade: [400, -2010],
  bad_symbol: [400, -1121],
  invalid_quantity: [400, -1013],
  invalid_price: [400, -1013],
  unknown_order: [400, -2011],
};

type Signed = (req: SimRequest, params: URLSearchParams, account: SimAccount) => SimResponse;

/** The Binance spot REST subset ccxt uses (`/api/v3/...`), signed requests checked like the venue does. */
export class BinanceDialect implements Dialect {
  readonly name = 'binance' as const;

  constructor(
    private readonly venue: Venue,
    private readonly now: () => number,
  ) {}

  owns(path: string): boolean {
    return path.startsWith('/api/v3/');
  }

  fault(kind: 'rate_limit' | 'ip_ban' | 'timestamp' | 'insufficient_balance' | 'bad_key'): SimResponse {
    switch (kind) {
      case 'rate_limit':
        return err(429, -1003, 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE.');
      case 'ip_ban':
        return err(418, -1003, 'Way too much request weight used; IP banned until later.');
      case 'timestamp':
        return err(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
      case 'insufficient_balance':
        return err(400, -2010, 'Account has insufficient balance for requested action.');
      case 'bad_key':
        return err(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    }
  }

  handle(req: SimRequest): SimResponse {
    const route = `${req.method} ${req.path.slice('/api/v3'.length)}`;
    try {
      switch (route) {
        case 'GET /ping':
          return json(200, {});
        case 'GET /time':
          return json(200, { serverTime: this.now() });
        case 'GET /exchangeInfo':
          return this.exchangeInfo(req.query);
        case 'GET /ticker/24hr':
          return this.ticker(req.query);
        case 'GET /ticker/bookTicker':
          return this.bookTicker(req.query);
        case 'GET /klines':
          return this.klines(req.query);
        case 'GET /account':
          return this.signed(req, (_r, _p, a) => this.accountInfo(a));
        case 'POST /order':
          return this.signed(req, (_r, p, a) => this.newOrder(p, a, false));
        case 'POST /order/test':
          return this.signed(req, (_r, p, a) => this.newOrder(p, a, true));
        case 'GET /order':
          return this.signed(req, (_r, p, a) => this.getOrder(p, a));
        case 'DELETE /order':
          return this.signed(req, (_r, p, a) => this.cancelOrder(p, a));
        case 'GET /openOrders':
          return this.signed(req, (_r, p, a) =>
            json(200, this.venue.ordersOf(a.apiKey, { symbol: p.get('symbol') ?? undefined, openOnly: true }).map(binanceOrder)),
          );
        case 'GET /allOrders':
          return this.signed(req, (_r, p, a) => json(200, this.venue.ordersOf(a.apiKey, { symbol: p.get('symbol') ?? undefined }).map(binanceOrder)));
        case 'GET /myTrades':
          return this.signed(req, (_r, p, a) => this.myTrades(p, a));
        default:
          return err(404, -1000, `Unknown endpoint ${req.method} ${req.path}.`);
      }
    } catch (e) {
      if (e instanceof VenueError) {
        const [status, code] = VENUE_ERRORS[e.code];
        return err(status, code, e.message);
      }
      throw e;
    }
  }

  /** Key, signature over the query or form body, then the recvWindow check, in the venue's order. */
  private signed(req: SimRequest, next: Signed): SimResponse {
    const account = this.venue.account(String(req.headers['x-mbx-apikey'] ?? ''));
    if (!account) return err(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    const total = [req.rawQuery, req.body].filter((s) => s.length > 0).join('');
    const idx = total.lastIndexOf('signature=');
    if (idx < 0) return err(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    const signed = total.slice(0, idx).replace(/&$/, '');
    const signature = total.slice(idx + 'signature='.length).split('&')[0] ?? '';
    if (!signatureMatches(account.secret, signed, signature)) return err(400, -1022, 'Signature for this request is not valid.');
    const params = new URLSearchParams(signed);
    for (const [k, v] of req.query) if (!params.has(k) && k !== 'signature') params.set(k, v);
    const recvWindow = Number(params.get('recvWindow') ?? 5000);
    if (!(recvWindow > 0 && recvWindow <= 60_000)) return err(400, -1131, 'recvWindow must be less than 60000');
    if (!params.has('timestamp')) return err(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    if (!withinWindow(this.now(), Number(params.get('timestamp')), recvWindow))
      return err(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
    return next(req, params, account);
  }

  private marketOf(q: URLSearchParams) {
    const market = this.venue.market(q.get('symbol') ?? '');
    if (!market) throw new VenueError('bad_symbol', 'Invalid symbol.');
    return market;
  }

  private exchangeInfo(q: URLSearchParams): SimResponse {
    let wanted: string[] | undefined;
    if (q.get('symbol')) wanted = [q.get('symbol') as string];
    if (q.get('symbols')) wanted = symbolList(q.get('symbols') as string);
    if (wanted?.some((s) => !this.venue.market(s))) throw new VenueError('bad_symbol', 'Invalid symbol.');
    const markets = [...this.venue.markets.values()].filter((m) => !wanted || wanted.includes(m.id));
    return json(200, { timezone: 'UTC', serverTime: this.now(), rateLimits: [], exchangeFilters: [], symbols: markets.map(binanceSymbol) });
  }

  private tickerOf(id: string) {
    const market = this.venue.market(id);
    if (!market) throw new VenueError('bad_symbol', 'Invalid symbol.');
    const now = this.now();
    const { bid, ask, mid } = this.venue.quote(market);
    const day = this.venue.prices.bar(market, now - 86_400_000, 86_400_000);
    const open = day.open;
    return {
      symbol: id,
      priceChange: mid.sub(open).toFixed(8),
      priceChangePercent: mid.sub(open).div(open).mul(100).toFixed(3),
      weightedAvgPrice: day.open.add(day.close).div(2).toFixed(8),
      prevClosePrice: open.toFixed(8),
      lastPrice: mid.toFixed(8),
      lastQty: '0.01000000',
      bidPrice: bid.toFixed(8),
      bidQty: '1.00000000',
      askPrice: ask.toFixed(8),
      askQty: '1.00000000',
      openPrice: open.toFixed(8),
      highPrice: Decimal.max(day.high, mid).toFixed(8),
      lowPrice: Decimal.min(day.low, mid).toFixed(8),
      volume: day.volume.toFixed(8),
      quoteVolume: day.volume.mul(mid).toFixed(8),
      openTime: now - 86_400_000,
      closeTime: now,
      firstId: 1,
      lastId: 1000,
      count: 1000,
    };
  }

  private ticker(q: URLSearchParams): SimResponse {
    const symbol = q.get('symbol');
    if (symbol) return json(200, this.tickerOf(symbol));
    const ids = q.get('symbols') ? symbolList(q.get('symbols') as string) : [...this.venue.markets.keys()];
    return json(
      200,
      ids.map((id) => this.tickerOf(id)),
    );
  }

  private bookTicker(q: URLSearchParams): SimResponse {
    const one = (id: string) => {
      const t = this.tickerOf(id);
      return { symbol: id, bidPrice: t.bidPrice, bidQty: t.bidQty, askPrice: t.askPrice, askQty: t.askQty };
    };
    const symbol = q.get('symbol');
    return json(200, symbol ? one(symbol) : [...this.venue.markets.keys()].map(one));
  }

  private klines(q: URLSearchParams): SimResponse {
    const market = this.marketOf(q);
    const length = INTERVALS[q.get('interval') ?? ''];
    if (!length) return err(400, -1120, 'Invalid interval.');
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 500) || 500, 1), 1000);
    const num = (k: string) => (q.get(k) !== null ? Number(q.get(k)) : undefined);
    const bars = barsBetween(this.venue.prices, market, length, this.now(), { start: num('startTime'), end: num('endTime'), limit });
    return json(
      200,
      bars.map((b) => [
        b.openTime,
        b.open.toFixed(8),
        b.high.toFixed(8),
        b.low.toFixed(8),
        b.close.toFixed(8),
        b.volume.toFixed(8),
        b.openTime + b.length - 1,
        b.volume.mul(b.close).toFixed(8),
        100,
        b.volume.div(2).toFixed(8),
        b.volume.mul(b.close).div(2).toFixed(8),
        '0',
      ]),
    );
  }

  private accountInfo(a: SimAccount): SimResponse {
    return json(200, {
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
      canTrade: a.canTrade,
      canWithdraw: a.canWithdraw,
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: this.now(),
      accountType: 'SPOT',
      balances: this.venue.balances(a.apiKey).map((b) => ({ asset: b.asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8) })),
      permissions: ['SPOT'],
      uid: 1,
    });
  }

  private newOrder(p: URLSearchParams, a: SimAccount, dryRun: boolean): SimResponse {
    const side = p.get('side');
    const type = p.get('type');
    if (side !== 'BUY' && side !== 'SELL') return err(400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
    if (type !== 'MARKET' && type !== 'LIMIT') return err(400, -1116, 'Invalid orderType.');
    const dec = (k: string) => {
      const v = p.get(k);
      if (v === null) return undefined;
      if (!/^\d+(\.\d+)?$/.test(v))
        throw new VenueError('invalid_quantity', `Illegal characters found in parameter '${k}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
      return new Decimal(v);
    };
    const tif = p.get('timeInForce') ?? undefined;
    const order = this.venue.place(
      a.apiKey,
      {
        symbol: p.get('symbol') ?? '',
        side,
        type,
        ...(tif === 'GTC' || tif === 'IOC' || tif === 'FOK' ? { timeInForce: tif } : {}),
        quantity: dec('quantity'),
        quoteQuantity: dec('quoteOrderQty'),
        price: dec('price'),
        clientOrderId: p.get('newClientOrderId') ?? undefined,
      },
      dryRun,
    );
    if (dryRun) return json(200, {});
    return json(200, binanceNewOrder(order, p.get('newOrderRespType') ?? (type === 'MARKET' ? 'FULL' : 'RESULT')));
  }

  private lookup(p: URLSearchParams) {
    const orderId = p.get('orderId') ?? undefined;
    const clientOrderId = p.get('origClientOrderId') ?? undefined;
    return { ...(orderId !== undefined ? { orderId } : {}), ...(clientOrderId !== undefined ? { clientOrderId } : {}) };
  }

  private getOrder(p: URLSearchParams, a: SimAccount): SimResponse {
    this.marketOf(p);
    const order = this.venue.find(a.apiKey, this.lookup(p));
    if (!order || order.symbol !== p.get('symbol')) return err(400, -2013, 'Order does not exist.');
    return json(200, binanceOrder(order));
  }

  private cancelOrder(p: URLSearchParams, a: SimAccount): SimResponse {
    this.marketOf(p);
    const order = this.venue.cancel(a.apiKey, this.lookup(p));
    return json(200, { ...binanceOrder(order), origClientOrderId: order.clientOrderId, clientOrderId: `cancel-${order.orderId}` });
  }

  private myTrades(p: URLSearchParams, a: SimAccount): SimResponse {
    const market = this.marketOf(p);
    const trades = this.venue.tradesOf(a.apiKey, market.id, p.get('orderId') ?? undefined);
    const from = Number(p.get('startTime') ?? 0);
    const limit = Math.min(Number(p.get('limit') ?? 500) || 500, 1000);
    return json(
      200,
      trades
        .filter((t) => t.time >= from)
        .slice(0, limit)
        .map(binanceTrade),
    );
  }
}
