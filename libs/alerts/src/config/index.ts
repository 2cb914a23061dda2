// A light entry (`@rustybt/alerts/config`): the config schema alone, for programs that only read config.yaml.
export {
  alertsConfigSchema,
  channelConfigSchema,
  severitySchema,
  SEVERITIES,
  type AlertsConfig,
  type AlertsConfigInput,
  type AlertRules,
  type ChannelConfig,
  type ChannelType,
  type EmailChannelConfig,
  type WebhookChannelConfig,
  type SlackChannelConfig,
  type TelegramChannelConfig,
  type RouteConfig,
  type Severity,
} from './schema';
