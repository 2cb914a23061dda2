import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Decimal from 'decimal.js';
import { BinanceDialect } from './binance/dialect';
import { BybitDialect } from './bybit/dialect';
import { handleControl } from './control';
import { FaultPlan } from './faults';
import type { Dialect, SimRequest, SimResponse } from './http-types';
import { simOptionsSchema, type FaultRule, type SimOptionsInput } from './options';
import { Venue, type SimOrder } from './venue';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  fault?: FaultRule['kind'];
}

export interface ExchangeSim {
  /** Base URL, e.g. http://127.0.0.1:41234 — point ccxt's `urls.api` hosts at it. */
  readonly url: string;
  readonly port: number;
  /** Every request answered (or dropped), in order. */
  readonly requests: readonly RequestLogEntry[];
  inject(rule: FaultRule | FaultRule[]): void;
  clearFaults(): void;
  /** Pin a market's mid price (venue spelling, e.g. BTCUSDT); `undefined` returns it to the seeded path. */
  setPrice(marketId: string, price: string | undefined): void;
  /** Liquidity at the touch (venue spelling): a crossing limit order fills at most `qty` per request; `undefined` lifts the limit. */
  setDepth(marketId: string, qty: string | undefined): void;
  setClockOffset(ms: number): void;
  /** All orders at the venue, across accounts. */
  orders(): readonly SimOrder[];
  close(): Promise<void>;
}

/** Starts the emulator on loopback (port 0 = any free port). Same seed, same prices. */
export async function startExchangeSim(input: SimOptionsInput = {}): Promise<ExchangeSim> {
  const options = simOptionsSchema.parse(input);
  const startedAt = Date.now();
  let clockOffset = options.clockOffsetMs;
  const now = () => Date.now() + clockOffset;
  const venue = new Venue(options.seed, options.accounts, now);
  const faults = new FaultPlan(options.faults, () => Date.now() - startedAt);
  const dialects: Dialect[] = [];
  if (options.dialect !== 'bybit') dialects.push(new BinanceDialect(venue, now));
  if (options.dialect !== 'binance') dialects.push(new BybitDialect(venue, now));
  const requests: RequestLogEntry[] = [];
  let closing = false;
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  // Slow answers are cut short by close(), so a test never waits on a delay it no longer needs.
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  const answerHead = (res: ServerResponse, r: SimResponse) => {
    res.writeHead(r.status, { 'content-type': r.contentType ?? 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(r.body) });
  };

  const answer = (res: ServerResponse, r: SimResponse) => {
    if (closing || res.destroyed) return;
    answerHead(res, r);
    res.end(r.body);
  };

  /** Headers and the first half of the body now, the rest after `stallMs` (or never, if closed first). */
  const answerInParts = async (res: ServerResponse, r: SimResponse, stallMs: number) => {
    if (closing || res.destroyed) return;
    answerHead(res, r);
    const half = Math.floor(r.body.length / 2);
    res.write(r.body.slice(0, half));
    // A client that gives up closes the socket: stop stalling for it.
    await Promise.race([wait(stallMs), new Promise((resolve) => res.once('close', resolve))]);
    if (closing || res.destroyed) return;
    res.end(r.body.slice(half));
  };

  async function serve(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', 'http://sim');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url as string).slice((req.url as string).indexOf('?') + 1) : '';
    const simReq: SimRequest = { method: req.method ?? 'GET', path: url.pathname, rawQuery, query: url.searchParams, body, headers: req.headers };
    if (simReq.path.startsWith('/__sim/')) {
      answer(res, handleControl(simReq, { venue, faults, setClockOffset: (ms) => (clockOffset = ms), requestCount: () => requests.length }));
      return;
    }
    const dialect = dialects.find((d) => d.owns(simReq.path));
    const fault = dialect ? faults.take(simReq.method, simReq.path) : undefined;
    const log = (status: number) => requests.push({ method: simReq.method, path: simReq.path, status, ...(fault ? { fault: fault.kind } : {}) });
    if (!dialect) {
      log(404);
      answer(res, { status: 404, body: JSON.stringify({ error: `no dialect serves ${simReq.path}` }) });
      return;
    }
    const run = () => dialect.handle(simReq);
    if (!fault) {
      const r = run();
      log(r.status);
      answer(res, r);
      return;
    }
    switch (fault.kind) {
      case 'drop':
        if (fault.when === 'after') run();
        log(0);
        req.socket.destroy();
        return;
      case 'slow': {
        const delay = fault.delayMs ?? 2000;
        if (fault.when === 'before') await wait(delay);
        const r = run();
        if (fault.when !== 'before') await wait(delay);
        log(r.status);
        answer(res, r);
        return;
      }
      case 'slow_body': {
        // The request is executed (an order is booked), the headers and the first part of the
        // body go out, then the body stalls: a client bounded only on headers waits the whole delay.
        const r = run();
        log(r.status);
        await answerInParts(res, r, fault.delayMs ?? 300_000);
        return;
      }
      case 'drop_after_accept': {
        // Executed, the answer begins, then the connection is cut mid-body.
        const r = run();
        log(0);
        if (closing || res.destroyed) return;
        answerHead(res, r);
        res.write(r.body.slice(0, Math.floor(r.body.length / 2)), () => req.socket.destroy());
        return;
      }
      case 'non_json':
        log(200);
        answer(res, { status: 200, body: '<html><body><h1>502 Bad Gateway</h1><p>upstream answered garbage</p></body></html>', contentType: 'text/html' });
        return;
      case 'server_error': {
        const status = fault.status ?? 503;
        log(status);
        answer(res, { status, body: 'Service Unavailable', contentType: 'text/plain' });
        return;
      }
      default: {
        const r = dialect.fault(fault.kind);
        log(r.status);
        answer(res, r);
      }
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      serve(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        answer(res, { status: 500, body: JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) });
      });
    });
  });
  // Keep-alive sockets would otherwise hold close() open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host}:${port}`,
    port,
    requests,
    inject: (rule) => {
      for (const r of Array.isArray(rule) ? rule : [rule]) faults.add(r);
    },
    clearFaults: () => faults.clear(),
    setPrice: (marketId, price) => venue.prices.pin(marketId, price === undefined ? undefined : new Decimal(price)),
    setDepth: (marketId, qty) => venue.setDepth(marketId, qty === undefined ? undefined : new Decimal(qty)),
    setClockOffset: (ms) => {
      clockOffset = ms;
    },
    orders: () => venue.allOrders(),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const t of timers) {
          clearTimeout(t.timer);
          t.resolve();
        }
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
