import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, type Registry } from 'prom-client';
import type { Scope, TokenClaims } from '@rustybt/ops';
import { allowedHosts, hostPort, isLoopback } from './host-check';
import { FailureLimiter } from './rate-limit';
import { bearerToken, tokenInQuery } from './request-token';

export interface HealthReport {
  /** The process is alive and its loop is turning (heartbeats on time). */
  live: boolean;
  /** Live, and fit to trade: feed fresh, broker connected, not stopping. */
  ready: boolean;
  [key: string]: unknown;
}

/** Who asked for a kill-switch change, for the log: the token's subject and id. */
export interface Actor {
  subject: string;
  jti: string;
}

export interface HttpHandlers {
  health(): HealthReport;
  /** The latest status snapshot the runner keeps; called per request, so it must not read the state file. */
  status(): unknown;
  registry: Registry;
  /** POST /halt: no new orders; open orders cancelled when asked. Absent: 404. */
  halt?(o: { cancelOpen: boolean; actor: Actor }): unknown;
  /** POST /resume: trading again. */
  resume?(o: { actor: Actor }): unknown;
}

export interface AccessOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** /status and /metrics need a read token (always so beyond loopback). */
  authRequired?: boolean;
  /** Checks a bearer token for a scope; throws a TokenError. Without it every protected route is 401. */
  verify?: (token: string, scope: Scope) => Promise<TokenClaims>;
  /** Extra Host header names (a reverse proxy's name), e.g. `runner.example.com` or `runner.example.com:443`. */
  publicNames?: readonly string[];
  maxConnections?: number;
  /** A refused authentication, without the token. */
  onAuthFailure?(e: { method: string; path: string; reason: string; client: string }): void;
  /** A handler failed; the client got a generic 500. */
  onError?(err: unknown): void;
  limiter?: FailureLimiter;
}

type Route = { scope: Scope | null; run: (req: IncomingMessage, res: ServerResponse, actor: Actor | undefined) => Promise<void> | void };

const json = (v: unknown) => JSON.stringify(v);
const MAX_BODY = 1024;

/**
 * The runner's endpoint: GET /health (public; 200 when ready, 503 otherwise), GET /metrics and
 * GET /status (a read token when auth is required or bound beyond loopback), POST /halt and
 * POST /resume (a trade token, always). A Host header that is not ours is 403, a token in the URL
 * is refused, failed authentications are counted, logged and rate-limited, a 500 says nothing more.
 */
export class RunnerHttpServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(port: number, handlers: HttpHandlers, access: AccessOptions = {}): Promise<RunnerHttpServer> {
    const host = access.host ?? '127.0.0.1';
    const failures = new Counter({
      name: 'rustybt_api_auth_failures_total',
      help: 'Refused API authentications by reason.',
      labelNames: ['reason'],
      registers: [handlers.registry],
    });
    const authRequired = access.authRequired === true || !isLoopback(host);
    const ctx: Ctx = {
      handlers,
      access,
      failures,
      limiter: access.limiter ?? new FailureLimiter(),
      hosts: new Set<string>(),
      table: routes(handlers, authRequired),
    };
    const server = createServer((req, res) => {
      handle(req, res, ctx).catch((err: unknown) => {
        const tooLarge = (err as { status?: unknown }).status === 413;
        if (!tooLarge) access.onError?.(err);
        if (res.headersSent) res.destroy();
        else send(res, tooLarge ? 413 : 500, 'application/json', tooLarge ? '{"error":"request body too large"}' : '{"error":"internal error"}');
      });
    });
    server.keepAliveTimeout = 1_000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    server.maxConnections = access.maxConnections ?? 64;
    await listen(server, port, host);
    const bound = (server.address() as AddressInfo).port;
    ctx.hosts = allowedHosts(host, bound, access.publicNames);
    return new RunnerHttpServer(server, `http://${hostPort(host, bound)}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const message =
        err.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is in use. Pick another --port, or --port 0 for a free one`
          : err.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine. Check --bind`
            : `cannot listen on ${host}:${port} (${err.message}). Pick another --port`;
      reject(Object.assign(new Error(message), { exitCode: 2 }));
    });
    server.listen(port, host, () => resolve());
  });
}

interface Ctx {
  handlers: HttpHandlers;
  access: AccessOptions;
  failures: Counter<'reason'>;
  limiter: FailureLimiter;
  hosts: Set<string>;
  table: Record<string, Record<string, Route>>;
}

function routes(h: HttpHandlers, authRequired: boolean): Record<string, Record<string, Route>> {
  const read = authRequired ? 'read' : null;
  const table: Record<string, Record<string, Route>> = {
    '/health': {
      GET: {
        scope: null,
        run: (_q, res) => {
          const r = h.health();
          send(res, r.ready ? 200 : 503, 'application/json', json(r));
        },
      },
    },
    '/metrics': { GET: { scope: read, run: async (_q, res) => send(res, 200, h.registry.contentType, await h.registry.metrics()) } },
    '/status': { GET: { scope: read, run: (_q, res) => send(res, 200, 'application/json', json(h.status())) } },
  };
  if (h.halt)
    table['/halt'] = {
      POST: {
        scope: 'trade',
        run: async (req, res, actor) =>
          send(res, 200, 'application/json', json(h.halt!({ cancelOpen: (await readBody(req)).cancelOpen === true, actor: actor! }))),
      },
    };
  if (h.resume)
    table['/resume'] = {
      POST: {
        scope: 'trade',
        run: async (req, res, actor) => {
          await readBody(req);
          send(res, 200, 'application/json', json(h.resume!({ actor: actor! })));
        },
      },
    };
  return table;
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Ctx): Promise<void> {
  if (!ctx.hosts.has((req.headers.host ?? '').toLowerCase())) return send(res, 403, 'application/json', '{"error":"forbidden: unknown Host header"}');
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const client = req.socket.remoteAddress ?? 'unknown';
  if (query !== '' && tokenInQuery(new URLSearchParams(query), query)) return refuse(req, res, ctx, path, client, 'token-in-query');
  const byMethod = Object.hasOwn(ctx.table, path) ? ctx.table[path] : undefined;
  if (!byMethod) return send(res, 404, 'application/json', json({ error: `not found; try ${Object.keys(ctx.table).join(', ')}` }));
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? '');
  const route = Object.hasOwn(byMethod, method) ? byMethod[method] : undefined;
  if (!route) {
    res.setHeader('allow', Object.keys(byMethod).join(', '));
    return send(res, 405, 'application/json', '{"error":"method not allowed"}');
  }
  let actor: Actor | undefined;
  if (route.scope) {
    const wait = ctx.limiter.blockedFor(client);
    if (wait > 0) {
      res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
      return send(res, 429, 'application/json', '{"error":"too many failed authentications; wait and try again"}');
    }
    const token = bearerToken(req);
    if (!token) return refuse(req, res, ctx, path, client, token === '' ? 'missing' : 'not-bearer');
    if (!ctx.access.verify) return refuse(req, res, ctx, path, client, 'no-api-secret');
    try {
      const claims = await ctx.access.verify(token, route.scope);
      actor = { subject: claims.sub, jti: claims.jti };
    } catch (err) {
      const e = err as { reason?: unknown; status?: unknown };
      if (typeof e.reason !== 'string') throw err;
      return refuse(req, res, ctx, path, client, e.reason, e.status === 403 ? 403 : 401);
    }
  }
  await route.run(req, res, actor);
}

function refuse(req: IncomingMessage, res: ServerResponse, ctx: Ctx, path: string, client: string, reason: string, status: 401 | 403 = 401): void {
  ctx.failures.inc({ reason });
  if (status === 401) ctx.limiter.record(client);
  ctx.access.onAuthFailure?.({ method: req.method ?? '?', path, reason, client });
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="rustybt"');
  const hint =
    reason === 'token-in-query'
      ? 'send the token as Authorization: Bearer <token>, never in the URL'
      : status === 403
        ? 'this token lacks the scope; generate one with --scope trade'
        : 'send Authorization: Bearer <token> from rustybt generate-api-token';
  send(res, status, 'application/json', json({ error: status === 403 ? 'forbidden' : 'unauthorized', reason, hint }));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
