import { alertPayload, type Alert } from '../alert';
import type { WebhookChannelConfig } from '../config/schema';
import { Redactor } from '../redact';
import { signatureHeader } from '../signature';
import type { Channel, DeliveryReceipt } from './channel';
import { post, receiptOf } from './http-post';

/** POST of the contract's JSON, signed `t=..,v1=HMAC-SHA256(secret, "<t>.<body>")`, the id in X-RustyBT-Alert-Id. */
export class WebhookChannel implements Channel {
  readonly type = 'webhook' as const;
  readonly name: string;
  readonly timeoutMs: number;
  private readonly redactor: Redactor;

  constructor(
    private readonly config: WebhookChannelConfig,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.name = config.name;
    this.timeoutMs = config.timeoutMs;
    this.redactor = new Redactor([secret]);
  }

  async send(alert: Alert): Promise<DeliveryReceipt> {
    const body = JSON.stringify(alertPayload(alert));
    const headers = {
      'x-rustybt-alert-id': alert.id,
      'x-rustybt-signature': signatureHeader(this.secret, body, Math.floor(this.now() / 1000)),
      'user-agent': 'rustybt-alerts',
    };
    return receiptOf(await post(this.config.url, body, headers, this.timeoutMs, this.redactor), this.redactor);
  }
}
