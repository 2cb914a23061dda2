import type { Alert } from '../alert';
import type { TelegramChannelConfig } from '../config/schema';
import { Redactor } from '../redact';
import { DeliveryError, type Channel, type DeliveryReceipt } from './channel';
import { post, receiptOf } from './http-post';
import { alertText } from './render';

/** Telegram Bot API sendMessage. The token is in the URL path, so it is redacted everywhere. */
export class TelegramChannel implements Channel {
  readonly type = 'telegram' as const;
  readonly name: string;
  readonly timeoutMs: number;
  private readonly redactor: Redactor;

  constructor(
    private readonly config: TelegramChannelConfig,
    private readonly token: string,
  ) {
    this.name = config.name;
    this.timeoutMs = config.timeoutMs;
    this.redactor = new Redactor([token]);
  }

  async send(alert: Alert): Promise<DeliveryReceipt> {
    const url = `${this.config.apiUrl.replace(/\/+$/, '')}/bot${this.token}/sendMessage`;
    const body = JSON.stringify({ chat_id: this.config.chatId, text: alertText(alert), disable_web_page_preview: true });
    const r = await post(url, body, {}, this.timeoutMs, this.redactor);
    // The Bot API says how long to wait in its JSON, not always in a header.
    if (r.status === 429 && r.retryAfter === null) {
      const seconds = retryAfterOf(r.body);
      if (seconds !== undefined) throw new DeliveryError(`HTTP 429: ${this.redactor.text(r.body.slice(0, 200))}`, true, seconds * 1000);
    }
    const receipt = receiptOf(r, this.redactor);
    if (!/"ok"\s*:\s*true/.test(r.body)) throw new DeliveryError(`HTTP ${r.status} without ok:true: ${this.redactor.text(r.body.slice(0, 200))}`, false);
    return receipt;
  }
}

function retryAfterOf(body: string): number | undefined {
  try {
    const n = (JSON.parse(body) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
