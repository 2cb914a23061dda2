// Config: the `alerts:` section of config.yaml (zod; the single source of its types).
export * from './config/index';
// Alerts and the webhook contract.
export { alertIdOf, alertPayload, severityAtLeast, type Alert, type AlertInput, type AlertPayload } from './alert';
export { signatureHeader, verifySignature, SIGNATURE_TOLERANCE_S, type VerifyOptions, type VerifyResult } from './signature';
// Channels.
export { DeliveryError, type Channel, type DeliveryReceipt } from './channels/channel';
export { createChannel, envSecrets, ChannelConfigError, type SecretResolver } from './channels/create-channels';
export { alertText, alertHeadline } from './channels/render';
// Delivery: outbox, sender, the facade the runner holds.
export { Alerting, type AlertingOptions, type AlertingMetrics, type EnqueueResult } from './alerting';
export { Outbox, OutboxError, readOutboxCounts, type OutboxCounts } from './outbox/outbox';
export { Sender, type Clock, type SendEvent, type SenderCounters } from './send/sender';
export { digestAlert } from './send/digest';
