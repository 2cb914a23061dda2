import type { AlertInput } from '@rustybt/alerts';
import type { EngineEvent } from '@rustybt/engine';

/** Failures that mean the venue is unreachable, not that it said no. */
const LINK_ERRORS = new Set(['NetworkError', 'RequestTimeout', 'ExchangeNotAvailable', 'OnMaintenance', 'BadResponse']);
/** A retry of a link error this many times in a row is a disconnection, not a blip. */
const RETRIES_BEFORE_DOWN = 2;

/** Whether the broker answers, as far as the events have shown. */
export interface BrokerLink {
  connected: boolean;
}

/** The venue answered: its reports are proof of a working connection. */
function isBrokerReport(e: EngineEvent): boolean {
  return (
    e.type === 'order_accepted' ||
    e.type === 'order_filled' ||
    e.type === 'order_cancelled' ||
    e.type === 'order_expired' ||
    (e.type === 'order_rejected' && e.source === 'broker')
  );
}

const KILL_SWITCH_RULES = new Set(['manual', 'operator']);

function riskAlert(session: string, e: Extract<EngineEvent, { type: 'risk_state' }>): AlertInput {
  const details = {
    rule: e.rule,
    from: e.from,
    to: e.to,
    detail: e.detail,
    ...(e.limit !== undefined ? { limit: e.limit } : {}),
    ...(e.value !== undefined ? { value: e.value } : {}),
  };
  if (e.to === 'ACTIVE')
    return {
      id: `${session}:risk_resume:${e.rule}:${e.time}`,
      event: 'risk_resume',
      severity: 'info',
      session,
      summary: `trading resumed (${e.rule})`,
      details,
      at: e.time,
    };
  const by = KILL_SWITCH_RULES.has(e.rule) ? 'by the operator (kill switch)' : `by risk rule ${e.rule}`;
  return {
    id: `${session}:risk_halt:${e.rule}:${e.time}`,
    event: 'risk_halt',
    severity: 'critical',
    session,
    summary: `trading ${e.to} ${by}: ${e.detail}`,
    details,
    at: e.time,
  };
}

/**
 * The alerts one engine event raises (the log-event mapping of runner/log-events.ts is the model).
 * Ids are built from what the event is (client order id, rule and bar time), so the same event
 * replayed after a restart is the same alert and is sent once. `link` carries the broker's
 * connection state from one event to the next.
 */
export function alertsOfEngineEvent(session: string, e: EngineEvent, link: BrokerLink): AlertInput[] {
  switch (e.type) {
    case 'order_rejected': {
      const o = e.order;
      const out: AlertInput[] = [
        {
          id: `${session}:order_rejected:${o.clientOrderId}`,
          event: 'order_rejected',
          severity: 'warning',
          session,
          summary: `order ${o.clientOrderId} (${o.side} ${o.quantity.toFixed()} ${o.symbol}) rejected: ${e.reason}`,
          details: { reason: e.reason, source: e.source, client_order_id: o.clientOrderId, symbol: o.symbol, side: o.side, qty: o.quantity.toFixed() },
          at: e.time,
        },
      ];
      return e.source === 'broker' ? [...reconnected(session, e, link), ...out] : out;
    }
    case 'risk_state':
      return [riskAlert(session, e)];
    case 'broker_retry':
      if (!LINK_ERRORS.has(e.errorType) || e.attempt < RETRIES_BEFORE_DOWN) return [];
      return disconnected(session, e, link);
    case 'broker_error':
      if (LINK_ERRORS.has(e.errorType)) return disconnected(session, e, link);
      return [
        {
          id: `${session}:error:${e.operation}:${e.errorType}:${e.time}`,
          event: 'error',
          severity: 'critical',
          session,
          summary: `broker ${e.operation} failed: ${e.errorType}: ${e.message}`,
          details: { error_type: e.errorType, operation: e.operation, message: e.message },
          at: e.time,
        },
      ];
    default:
      return isBrokerReport(e) ? reconnected(session, e, link) : [];
  }
}

function disconnected(session: string, e: Extract<EngineEvent, { type: 'broker_error' | 'broker_retry' }>, link: BrokerLink): AlertInput[] {
  if (!link.connected) return [];
  link.connected = false;
  return [
    {
      id: `${session}:broker_disconnected:${e.time}:${e.operation}`,
      event: 'broker_disconnected',
      severity: 'critical',
      session,
      summary: `broker unreachable (${e.errorType} on ${e.operation}): ${e.message}`,
      details: { error_type: e.errorType, operation: e.operation, message: e.message },
      at: e.time,
    },
  ];
}

function reconnected(session: string, e: EngineEvent, link: BrokerLink): AlertInput[] {
  if (link.connected) return [];
  link.connected = true;
  return [
    {
      id: `${session}:broker_reconnected:${e.time}`,
      event: 'broker_reconnected',
      severity: 'info',
      session,
      summary: 'broker reachable again',
      details: { after: e.type },
      at: e.time,
    },
  ];
}
