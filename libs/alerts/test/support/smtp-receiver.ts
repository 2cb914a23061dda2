import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
  subject: string;
  body: string;
  headers: Record<string, string>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Headers (unfolded, lower-case names) and the decoded text body of a single-part message. */
export function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4).replace(/\r\n$/, '');
  const cte = headers['content-transfer-encoding']?.toLowerCase();
  if (cte === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (cte === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  /** Resolves at the n-th mail. */
  waitFor(n: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server (npm smtp-server) on 127.0.0.1 that keeps what it is sent. */
export async function startSmtpReceiver(options: SMTPServerOptions & { users?: Record<string, string> } = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const waiters: { n: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  const { users, ...rest } = options;
  const server = new SMTPServer({
    logger: false,
    authOptional: users === undefined,
    ...(users === undefined ? { disabledCommands: ['AUTH'] } : {}),
    onAuth(auth, _session, cb) {
      if (users && auth.username !== undefined && users[auth.username] === auth.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { headers, body } = parseMail(raw);
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw,
          subject: headers.subject ?? '',
          body,
          headers,
        });
        for (const w of waiters.filter((x) => mails.length >= x.n)) w.resolve(mails.slice());
        cb();
      });
    },
    ...rest,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    port,
    mails,
    waitFor: (n) => (mails.length >= n ? Promise.resolve(mails.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
