import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** What to answer: a status (and headers/body), or 'hang' to hold the request open until closed. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Resolves at the n-th request. */
  waitFor(n: number): Promise<ReceivedRequest[]>;
  /** Answers every held ('hang') request with 200 and stops holding. */
  release(): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1; `answer` decides the reply to each request (it sees every earlier one). */
export async function startHttpReceiver(
  answer: (req: ReceivedRequest, all: ReceivedRequest[]) => Answer = () => ({ status: 200, body: 'ok' }),
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: { n: number; resolve: (r: ReceivedRequest[]) => void }[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(r);
      const a = answer(r, requests);
      for (const w of waiters.filter((x) => requests.length >= x.n)) w.resolve(requests.slice());
      if (a === 'hang') {
        held.push(res);
        return;
      }
      res.writeHead(a.status, a.headers ?? {});
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor: (n) => (requests.length >= n ? Promise.resolve(requests.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    release() {
      for (const res of held.splice(0)) if (!res.writableEnded && !res.destroyed) res.writeHead(200).end('ok');
    },
    close() {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
