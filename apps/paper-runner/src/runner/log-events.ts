import type { EngineEvent, Order } from '@rustybt/engine';
import type { EventBody } from '../log/event-log';

const text = (d: { toFixed(): string } | undefined) => (d === undefined ? null : d.toFixed());

function orderFields(order: Order) {
  return {
    order_id: order.orderId ?? '',
    client_order_id: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    qty: order.quantity.toFixed(),
    price: text(order.limitPrice ?? order.stopPrice),
  };
}

/**
 * The log-event contract's view of an engine event: order and risk events and errors. Everything
 * else (bars, equity samples, acceptances) is in the state file and the metrics, not the log.
 */
export function logEventOf(e: EngineEvent): EventBody | undefined {
  switch (e.type) {
    case 'order_submitted':
      return { level: 'info', event: 'order_submitted', ...orderFields(e.order), reason: null };
    case 'order_filled':
      return { level: 'info', event: 'order_filled', ...orderFields(e.order), qty: e.fill.quantity.toFixed(), price: e.fill.price.toFixed(), reason: null };
    case 'order_rejected':
      return { level: 'warn', event: 'order_rejected', ...orderFields(e.order), reason: e.reason };
    case 'order_cancelled':
      return { level: 'info', event: 'order_cancelled', ...orderFields(e.order), reason: e.reason };
    case 'order_expired':
      return { level: 'info', event: 'order_cancelled', ...orderFields(e.order), reason: `expired: ${e.reason}` };
    case 'risk_state':
      // The engine's manual state change is the kill switch: the log contract calls that rule operator.
      return e.to === 'ACTIVE'
        ? { level: 'info', event: 'risk_resume', rule: ruleName(e.rule), detail: e.detail }
        : { level: 'warn', event: 'risk_halt', rule: ruleName(e.rule), detail: `${e.to}: ${e.detail}` };
    case 'broker_error':
      return { level: 'error', event: 'error', error_type: e.errorType, message: `${e.operation}: ${e.message}` };
    default:
      return undefined;
  }
}

const ruleName = (rule: string): string => (rule === 'manual' ? 'operator' : rule);
