import type { IncomingMessage } from 'node:http';

/** Query parameters a client might put a token in; a URL ends up in proxy and shell history. */
const TOKEN_PARAM = /^(token|access_token|jwt|auth|authorization|api_key|apikey|bearer)$/i;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\./;

/** True when the query string carries something that looks like a credential. */
export function tokenInQuery(search: URLSearchParams, rawQuery: string): boolean {
  for (const name of search.keys()) if (TOKEN_PARAM.test(name)) return true;
  return JWT_SHAPE.test(rawQuery);
}

/** The bearer token of the Authorization header, '' when absent, undefined when the header is not Bearer. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return '';
  const m = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  return m ? m[1] : undefined;
}
