import Decimal from 'decimal.js';
import { signatureMatches, withinWindow } from '../auth';
import { json, type Dialect, type SimRequest, type SimResponse } from '../http-types';
import { barsBetween } from '../klines';
import { type Venue, VenueError, type SimAccount } from '../venue';
import { bybitExecution, bybitInstrument, bybitOrder } from './format';

const MIN = 60_000;
const INTERVALS: Record<string, number> = {
  '1': MIN,
  '3': 3 * MIN,
  '5': 5 * MIN,
  '15': 15 * MIN,
  '30': 30 * MIN,
  '60': 60 * MIN,
  '120': 120 * MIN,
  '240': 240 * MIN,
  '360': 360 * MIN,
  '720': 720 * MIN,
  D: 1440 * MIN,
  W: 10080 * MIN,
};

const VENUE_ERRORS: Record<VenueError['code'], number> = {
  insufficient_balance: 170131,
  duplicate_order: 170141,
  cannot_trade: 10005,
  bad_symbol: 170121,
  invalid_quantity: 170136,
  invalid_price: 170130,
  unknown_order: 170213,
};

type Signed = (params: Record<string, unknown>, account: SimAccount) => SimResponse;

/** The Bybit v5 REST subset ccxt uses for spot on a unified account. Errors are HTTP 200 with `retCode`, like the venue. */
export class BybitDialect implements Dialect {
  readonly name = 'bybit' as const;

  constructor(
    private readonly venue: Venue,
    private readonly now: () => number,
  ) {}

  owns(path: string): boolean {
    return path.startsWith('/v5/');
  }

  private reply(retCode: number, retMsg: string, result: unknown = {}, status = 200): SimResponse {
    return json(status, { retCode, retMsg, result, retExtInfo: {}, time: this.now() });
  }

  private ok(result: unknown): SimResponse {
    return this.reply(0, 'OK', result);
  }

  fault(kind: 'rate_limit' | 'ip_ban' | 'timestamp' | 'insufficient_balance' | 'bad_key'): SimResponse {
    switch (kind) {
      case 'rate_limit':
        return this.reply(10006, 'Too many visits!');
      case 'ip_ban':
        return { status: 418, body: 'Your IP has been banned. Retry later.', contentType: 'text/plain' };
      case 'timestamp':
        return this.reply(10002, 'invalid request, please check your server timestamp or recv_window param');
      case 'insufficient_balance':
        return this.reply(170131, 'Insufficient balance.');
      case 'bad_key':
        return this.reply(10003, 'API key is invalid.');
    }
  }

  handle(req: SimRequest): SimResponse {
    const q = req.query;
    try {
      switch (`${req.method} ${req.path.slice('/v5'.length)}`) {
        case 'GET /market/time': {
          const now = this.now();
          return this.ok({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` });
        }
        case 'GET /market/instruments-info':
          return this.instruments(q);
        case 'GET /market/tickers':
          return this.tickers(q);
        case 'GET /market/kline':
          return this.kline(q);
        case 'GET /account/wallet-balance':
          return this.signed(req, (_p, a) => this.wallet(a));
        case 'GET /account/info':
          return this.signed(req, () =>
            this.ok({
              unifiedMarginStatus: 6,
              marginMode: 'REGULAR_MARGIN',
              isMasterTrader: false,
              spotHedgingStatus: 'OFF',
              updatedTime: String(this.now()),
              dcpStatus: 'OFF',
              timeWindow: 10,
              smpGroup: 0,
            }),
          );
        case 'GET /user/query-api':
          return this.signed(req, (_p, a) => this.queryApi(a));
        case 'POST /order/create':
          return this.signed(req, (p, a) => this.create(p, a));
        case 'GET /order/realtime':
          return this.signed(req, (p, a) => this.realtime(p, a, true));
        case 'GET /order/history':
          return this.signed(req, (p, a) => this.realtime(p, a, false));
        case 'POST /order/cancel':
          return this.signed(req, (p, a) => this.cancel(p, a));
        case 'GET /execution/list':
          return this.signed(req, (p, a) => this.executions(p, a));
        default:
          return { status: 404, body: `{"retCode":10001,"retMsg":"unknown endpoint ${req.method} ${req.path}"}` };
      }
    } catch (e) {
      if (e instanceof VenueError) return this.reply(VENUE_ERRORS[e.code], e.message);
      throw e;
    }
  }

  /** HMAC over timestamp + key + recvWindow + (query | JSON body), then the recvWindow check. */
  private signed(req: SimRequest, next: Signed): SimResponse {
    const h = (name: string) => String(req.headers[name] ?? '');
    const account = this.venue.account(h('x-bapi-api-key'));
    if (!account) return this.reply(10003, 'API key is invalid.');
    const timestamp = h('x-bapi-timestamp');
    const recvWindow = h('x-bapi-recv-window') || '5000';
    const payload = req.method === 'GET' ? req.rawQuery : req.body;
    if (!signatureMatches(account.secret, `${timestamp}${account.apiKey}${recvWindow}${payload}`, h('x-bapi-sign'))) {
      // Like the venue, the message echoes the signed string, API key included (a redaction test relies on it).
      return this.reply(10004, `error sign! origin_string[${timestamp}${account.apiKey}${recvWindow}${payload}]`);
    }
    if (!withinWindow(this.now(), Number(timestamp), Number(recvWindow))) {
      return this.reply(
        10002,
        `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${this.now()}],recv_window[${recvWindow}]`,
      );
    }
    let params: Record<string, unknown>;
    if (req.method === 'GET') params = Object.fromEntries(req.query);
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.body || '{}');
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.reply(10001, 'request body must be a JSON object');
      params = parsed as Record<string, unknown>;
    }
    return next(params, account);
  }

  private spotOnly(category: unknown): SimResponse | undefined {
    return category === 'spot' ? undefined : this.reply(10001, `params error: category ${String(category)} is not supported by this emulator (spot only)`);
  }

  private instruments(q: URLSearchParams): SimResponse {
    const wrong = this.spotOnly(q.get('category'));
    if (wrong) return wrong;
    const symbol = q.get('symbol');
    const list = [...this.venue.markets.values()].filter((m) => !symbol || m.id === symbol).map(bybitInstrument);
    return this.ok({ category: 'spot', list, nextPageCursor: '' });
  }

  private tickers(q: URLSearchParams): SimResponse {
    const wrong = this.spotOnly(q.get('category'));
    if (wrong) return wrong;
    const symbol = q.get('symbol');
    if (symbol && !this.venue.market(symbol)) throw new VenueError('bad_symbol', 'Invalid symbol.');
    const now = this.now();
    const list = [...this.venue.markets.values()]
      .filter((m) => !symbol || m.id === symbol)
      .map((m) => {
        const { bid, ask, mid } = this.venue.quote(m);
        const day = this.venue.prices.bar(m, now - 86_400_000, 86_400_000);
        return {
          symbol: m.id,
          bid1Price: bid.toFixed(),
          bid1Size: '1',
          ask1Price: ask.toFixed(),
          ask1Size: '1',
          lastPrice: mid.toFixed(),
          prevPrice24h: day.open.toFixed(),
          price24hPcnt: mid.sub(day.open).div(day.open).toDecimalPlaces(4).toFixed(),
          highPrice24h: Decimal.max(day.high, mid).toFixed(),
          lowPrice24h: Decimal.min(day.low, mid).toFixed(),
          turnover24h: day.volume.mul(mid).toDecimalPlaces(4).toFixed(),
          volume24h: day.volume.toFixed(),
          usdIndexPrice: mid.toFixed(),
        };
      });
    return this.ok({ category: 'spot', list });
  }

  private kline(q: URLSearchParams): SimResponse {
    const wrong = this.spotOnly(q.get('category') ?? 'spot');
    if (wrong) return wrong;
    const market = this.venue.market(q.get('symbol') ?? '');
    if (!market) return this.reply(10001, 'params error: symbol invalid');
    const length = INTERVALS[q.get('interval') ?? ''];
    if (!length) return this.reply(10001, 'params error: interval invalid');
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 200) || 200, 1), 1000);
    const num = (k: string) => (q.get(k) !== null ? Number(q.get(k)) : undefined);
    const bars = barsBetween(this.venue.prices, market, length, this.now(), { start: num('start'), end: num('end'), limit });
    // Bybit lists the newest bar first.
    const list = bars
      .reverse()
      .map((b) => [
        String(b.openTime),
        b.open.toFixed(),
        b.high.toFixed(),
        b.low.toFixed(),
        b.close.toFixed(),
        b.volume.toFixed(),
        b.volume.mul(b.close).toDecimalPlaces(8).toFixed(),
      ]);
    return this.ok({ symbol: market.id, category: 'spot', list });
  }

  private wallet(a: SimAccount): SimResponse {
    const coin = this.venue.balances(a.apiKey).map((b) => ({
      coin: b.asset,
      equity: b.free.add(b.locked).toFixed(),
      usdValue: '',
      walletBalance: b.free.add(b.locked).toFixed(),
      locked: b.locked.toFixed(),
      spotHedgingQty: '0',
      borrowAmount: '',
      accruedInterest: '',
      totalOrderIM: '0',
      totalPositionIM: '0',
      totalPositionMM: '0',
      unrealisedPnl: '0',
      cumRealisedPnl: '0',
      bonus: '0',
      marginCollateral: true,
      collateralSwitch: true,
    }));
    return this.ok({
      list: [
        {
          accountType: 'UNIFIED',
          accountIMRate: '0',
          accountMMRate: '0',
          totalEquity: '',
          totalWalletBalance: '',
          totalMarginBalance: '',
          totalAvailableBalance: '',
          totalPerpUPL: '0',
          totalInitialMargin: '0',
          totalMaintenanceMargin: '0',
          coin,
        },
      ],
    });
  }

  private queryApi(a: SimAccount): SimResponse {
    return this.ok({
      id: '1',
      note: 'exchange-sim',
      apiKey: a.apiKey,
      readOnly: a.canTrade ? 0 : 1,
      secret: '',
      permissions: {
        ContractTrade: [],
        Spot: a.canTrade ? ['SpotTrade'] : [],
        Wallet: a.canWithdraw ? ['AccountTransfer', 'Withdraw'] : ['AccountTransfer'],
        Options: [],
        Derivatives: [],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: [],
        NFT: [],
      },
      ips: ['*'],
      type: 1,
      deadlineDay: 90,
      expiredAt: '',
      createdAt: '2024-01-01T00:00:00Z',
      unified: 0,
      uta: 1,
      userID: 1,
      inviterID: 0,
      vipLevel: 'No VIP',
      mktMakerLevel: '0',
      affiliateID: 0,
    });
  }

  private create(p: Record<string, unknown>, a: SimAccount): SimResponse {
    const wrong = this.spotOnly(p.category);
    if (wrong) return wrong;
    const side = p.side === 'Buy' ? 'BUY' : p.side === 'Sell' ? 'SELL' : undefined;
    const type = p.orderType === 'Market' ? 'MARKET' : p.orderType === 'Limit' ? 'LIMIT' : undefined;
    if (!side || !type) return this.reply(10001, 'params error: side and orderType are required');
    const dec = (v: unknown) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? new Decimal(v) : undefined);
    const qty = dec(p.qty);
    if (!qty) return this.reply(10001, 'params error: qty invalid');
    // Bybit spot market buys are quote-denominated unless marketUnit says otherwise.
    const quoteUnit = type === 'MARKET' && (p.marketUnit === 'quoteCoin' || (p.marketUnit === undefined && side === 'BUY'));
    const tif = p.timeInForce === 'IOC' || p.timeInForce === 'FOK' ? p.timeInForce : 'GTC';
    const order = this.venue.place(a.apiKey, {
      symbol: String(p.symbol ?? ''),
      side,
      type,
      timeInForce: tif,
      ...(quoteUnit ? { quoteQuantity: qty } : { quantity: qty }),
      price: dec(p.price),
      ...(typeof p.orderLinkId === 'string' && p.orderLinkId ? { clientOrderId: p.orderLinkId } : {}),
    });
    return this.ok({ orderId: order.orderId, orderLinkId: order.clientOrderId });
  }

  private realtime(p: Record<string, unknown>, a: SimAccount, openByDefault: boolean): SimResponse {
    const wrong = this.spotOnly(p.category);
    if (wrong) return wrong;
    const orderId = typeof p.orderId === 'string' && p.orderId ? p.orderId : undefined;
    const orderLinkId = typeof p.orderLinkId === 'string' && p.orderLinkId ? p.orderLinkId : undefined;
    const symbol = typeof p.symbol === 'string' && p.symbol ? p.symbol : undefined;
    let list;
    if (orderId || orderLinkId) {
      const o = this.venue.find(a.apiKey, { ...(orderId ? { orderId } : {}), ...(orderLinkId ? { clientOrderId: orderLinkId } : {}) });
      list = o && (!symbol || o.symbol === symbol) ? [o] : [];
    } else {
      const open = this.venue.ordersOf(a.apiKey, { ...(symbol ? { symbol } : {}), openOnly: openByDefault });
      list = openByDefault ? open : open.filter((o) => o.status !== 'NEW' && o.status !== 'PARTIALLY_FILLED');
    }
    return this.ok({ category: 'spot', list: list.map(bybitOrder).reverse(), nextPageCursor: '' });
  }

  private cancel(p: Record<string, unknown>, a: SimAccount): SimResponse {
    const wrong = this.spotOnly(p.category);
    if (wrong) return wrong;
    const orderId = typeof p.orderId === 'string' && p.orderId ? p.orderId : undefined;
    const orderLinkId = typeof p.orderLinkId === 'string' && p.orderLinkId ? p.orderLinkId : undefined;
    const order = this.venue.cancel(a.apiKey, { ...(orderId ? { orderId } : {}), ...(orderLinkId ? { clientOrderId: orderLinkId } : {}) });
    return this.ok({ orderId: order.orderId, orderLinkId: order.clientOrderId });
  }

  private executions(p: Record<string, unknown>, a: SimAccount): SimResponse {
    const wrong = this.spotOnly(p.category);
    if (wrong) return wrong;
    const orderId = typeof p.orderId === 'string' && p.orderId ? p.orderId : undefined;
    const symbol = typeof p.symbol === 'string' && p.symbol ? p.symbol : undefined;
    const one = orderId ? this.venue.find(a.apiKey, { orderId }) : undefined;
    const orders = orderId ? (one && (!symbol || one.symbol === symbol) ? [one] : []) : this.venue.ordersOf(a.apiKey, symbol ? { symbol } : {});
    const list = orders.flatMap((o) => o.trades.map((t) => bybitExecution(o, t))).sort((x, y) => y.seq - x.seq);
    return this.ok({ category: 'spot', list, nextPageCursor: '' });
  }
}
