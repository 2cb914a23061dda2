import type { Alert } from '../alert';
import type { SlackChannelConfig } from '../config/schema';
import { Redactor } from '../redact';
import type { Channel, DeliveryReceipt } from './channel';
import { post, receiptOf } from './http-post';
import { alertText } from './render';

/** A Slack incoming webhook: the URL is the credential, so it is redacted from every message. */
export class SlackChannel implements Channel {
  readonly type = 'slack' as const;
  readonly name: string;
  readonly timeoutMs: number;
  private readonly redactor: Redactor;

  constructor(
    config: SlackChannelConfig,
    private readonly url: string,
  ) {
    this.name = config.name;
    this.timeoutMs = config.timeoutMs;
    // The path after /services/ is the secret part; the whole URL is cut too.
    this.redactor = new Redactor([url, url.split('/services/')[1]]);
  }

  async send(alert: Alert): Promise<DeliveryReceipt> {
    const body = JSON.stringify({ text: alertText(alert), mrkdwn: false });
    return receiptOf(await post(this.url, body, { 'x-rustybt-alert-id': alert.id }, this.timeoutMs, this.redactor), this.redactor);
  }
}
