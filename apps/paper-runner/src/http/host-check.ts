import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);

export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** `[::1]:9464` for IPv6, `127.0.0.1:9464` otherwise: how a client writes the address in a Host header. */
export const hostPort = (host: string, port: number): string => `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;

/**
 * The Host header values this server answers: its bound address and port, `localhost` beside a
 * loopback address, every interface address when bound to a wildcard, and the configured public
 * names. Anything else is a page that resolved its own name to us (DNS rebinding): 403.
 */
export function allowedHosts(host: string, port: number, publicNames: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const add = (h: string) => names.add(hostPort(h, port).toLowerCase());
  add(host);
  if (isLoopback(host)) ['127.0.0.1', 'localhost', '::1'].forEach(add);
  if (WILDCARD.has(host)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address);
  }
  // A public name with its own port (behind a proxy) is taken as written; without one, the bound port.
  for (const n of publicNames) names.add((/:\d+$/.test(n) ? n : hostPort(n, port)).toLowerCase());
  return names;
}
