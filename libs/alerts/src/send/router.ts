import { severityAtLeast, type Alert } from '../alert';
import type { AlertsConfig, Severity } from '../config/schema';

export interface DigestRule {
  windowMs: number;
  after: number;
}

/**
 * `alerts.rules.routes` applied: which channels an alert goes to, and the flood group of each
 * delivery (`<route index>:<event>`), which carries the route's digest window.
 */
export class Router {
  private readonly channelNames: string[];

  constructor(private readonly config: AlertsConfig) {
    this.channelNames = config.channels.map((c) => c.name);
  }

  /** The configured severity of an event, else the caller's. */
  severityOf(event: string, fallback: Severity): Severity {
    return this.config.rules.severity[event] ?? fallback;
  }

  /** One target per channel: the first route that takes the alert to that channel decides its group. */
  targets(alert: Pick<Alert, 'event' | 'severity'>): { channel: string; grp: string }[] {
    const out = new Map<string, string>();
    this.config.rules.routes.forEach((route, i) => {
      if (!severityAtLeast(alert.severity, route.minSeverity)) return;
      if (!route.events.includes('*') && !route.events.includes(alert.event)) return;
      for (const channel of route.channels ?? this.channelNames) if (!out.has(channel)) out.set(channel, `${i}:${alert.event}`);
    });
    return [...out].map(([channel, grp]) => ({ channel, grp }));
  }

  digestOf(grp: string): DigestRule {
    const route = this.config.rules.routes[Number(grp.slice(0, grp.indexOf(':')))];
    const d = route?.digest ?? this.config.rules.digest;
    return { windowMs: d.window, after: d.after };
  }
}
