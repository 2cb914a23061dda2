import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Alert } from '../alert';
import type { EmailChannelConfig } from '../config/schema';
import { Redactor } from '../redact';
import { DeliveryError, withDeadline, type Channel, type DeliveryReceipt } from './channel';
import { alertHeadline, alertText } from './render';

export interface EmailSecrets {
  user?: string;
  password?: string;
  /** PEM of the CA that signed the server's certificate (caFile, read by the factory). */
  ca?: string;
}

/** Codes of failures that a later attempt can get past (network, TLS handshake, the server busy). */
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL']);

/**
 * Email over SMTP: plain, STARTTLS (opportunistic or required) or TLS from the first byte, with
 * optional auth. One connection per message: alerts are rare, and a pooled socket would be one
 * more thing to go stale over a 30-day session.
 */
export class EmailChannel implements Channel {
  readonly type = 'email' as const;
  readonly name: string;
  readonly timeoutMs: number;
  private readonly redactor: Redactor;

  constructor(
    private readonly config: EmailChannelConfig,
    private readonly secrets: EmailSecrets = {},
  ) {
    this.name = config.name;
    this.timeoutMs = config.timeoutMs;
    this.redactor = new Redactor([secrets.password]);
  }

  private transportOptions(): SMTPTransport.Options {
    const c = this.config;
    const t = this.timeoutMs;
    return {
      host: c.host,
      port: c.port,
      secure: c.secure,
      requireTLS: !c.secure && c.starttls === 'required',
      ignoreTLS: !c.secure && c.starttls === 'off',
      ...(this.secrets.user !== undefined && this.secrets.password !== undefined ? { auth: { user: this.secrets.user, pass: this.secrets.password } } : {}),
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
      ...(this.secrets.ca ? { tls: { ca: this.secrets.ca } } : {}),
      logger: false,
      debug: false,
    };
  }

  async send(alert: Alert): Promise<DeliveryReceipt> {
    const transport = nodemailer.createTransport(this.transportOptions());
    try {
      const info = await withDeadline(
        this.timeoutMs,
        () =>
          transport.sendMail({
            from: this.config.from,
            to: this.config.to,
            subject: alertHeadline(alert),
            text: alertText(alert),
            messageId: `<${alert.id}@rustybt.alerts>`,
            headers: { 'X-RustyBT-Alert-Id': alert.id },
          }),
        () => transport.close(),
      );
      return { detail: this.redactor.text(String(info.response ?? 'accepted')) };
    } catch (err) {
      throw this.classify(err);
    } finally {
      transport.close();
    }
  }

  private classify(err: unknown): DeliveryError {
    if (err instanceof DeliveryError) return err;
    const e = err as { code?: string; responseCode?: number; message?: string };
    const message = this.redactor.error(err).replace(/\s+/g, ' ').trim();
    if (typeof e.responseCode === 'number') return new DeliveryError(message, e.responseCode >= 400 && e.responseCode < 500);
    return new DeliveryError(message, e.code === undefined || RETRYABLE_CODES.has(e.code));
  }
}
