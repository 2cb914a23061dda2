import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthReport {
  /** The process is alive and its loop is turning (heartbeats on time). */
  live: boolean;
  /** Live, and fit to trade: feed fresh, broker connected, not stopping. */
  ready: boolean;
  [key: string]: unknown;
}

export interface HttpHandlers {
  health(): HealthReport;
  status(): unknown;
  registry: Registry;
}

/**
 * The runner's loopback endpoint: GET /health (200 when ready, 503 otherwise, JSON body either way),
 * GET /metrics (Prometheus text) and GET /status (what `rustybt status` shows). Bound to 127.0.0.1 only.
 */
export class RunnerHttpServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(port: number, handlers: HttpHandlers): Promise<RunnerHttpServer> {
    const server = createServer((req, res) => {
      handle(req, res, handlers).catch((err: unknown) => send(res, 500, 'application/json', JSON.stringify({ error: String(err) })));
    });
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          Object.assign(
            new Error(
              err.code === 'EADDRINUSE'
                ? `port ${port} on 127.0.0.1 is in use. Pick another --port, or --port 0 for a free one`
                : `cannot listen on 127.0.0.1:${port} (${err.message}). Pick another --port`,
            ),
            { exitCode: 2 },
          ),
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: bound } = server.address() as AddressInfo;
    return new RunnerHttpServer(server, `http://127.0.0.1:${bound}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'application/json', '{"error":"method not allowed"}');
  }
  switch (path) {
    case '/health': {
      const report = handlers.health();
      return send(res, report.ready ? 200 : 503, 'application/json', JSON.stringify(report));
    }
    case '/metrics':
      return send(res, 200, handlers.registry.contentType, await handlers.registry.metrics());
    case '/status':
      return send(res, 200, 'application/json', JSON.stringify(handlers.status()));
    default:
      return send(res, 404, 'application/json', '{"error":"not found; try /health, /metrics or /status"}');
  }
}

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
