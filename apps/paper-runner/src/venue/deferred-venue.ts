import { Observable } from 'rxjs';
import type { Balance, Broker, BrokerEvent, BrokerRestoreState, Order, OrderRequest } from '@rustybt/engine';
import type { CcxtBroker } from '@rustybt/brokers';

/** How the runner wraps the delivery of one venue event to the engine (it journals and commits around it). */
export type AroundEvent = (deliver: () => void) => void;

/**
 * A venue broker as the runner hands it to the engine. An order or cancel goes to the venue only
 * when the runner calls release(), after the batch that records it has committed to the state
 * file: a crash can lose a request, never an order the file does not know of. A resumed session's
 * open orders are sent again under their client order ids; the venue refuses a duplicate id and
 * CcxtBroker then looks the order up by that id, so each order exists at the venue exactly once.
 * Reports about orders the session never sent (CcxtBroker takes over every order open at the
 * venue, on any symbol) are not the session's and never reach its engine; nor do fills the state
 * file already holds (a taken-over or resent order reports its fills from the start).
 */
export class DeferredVenue implements Broker {
  readonly id: string;
  readonly reports = 'between-bars' as const;
  readonly events$: Observable<BrokerEvent>;
  private queue: (() => void)[] = [];
  private readonly ours = new Set<string>();
  private connecting: Promise<void> | undefined;
  /** Until the runner wraps deliveries, a report goes straight to the engine. */
  private around: AroundEvent = (deliver) => deliver();

  constructor(
    readonly venue: CcxtBroker,
    knownFill: (fillId: string) => boolean,
  ) {
    this.id = venue.id;
    this.events$ = new Observable<BrokerEvent>((subscriber) => {
      const sub = venue.events$.subscribe({
        next: (e) => {
          if ('order' in e && !this.ours.has(e.order.clientOrderId)) return;
          if (e.type === 'order_filled' && knownFill(e.fill.fillId)) return;
          this.around(() => subscriber.next(e));
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => sub.unsubscribe();
    });
  }

  /** The runner journals and commits around each report it delivers to the engine. */
  wrapDeliveries(around: AroundEvent): void {
    this.around = around;
  }

  /** Connects once: the runner connects early to reconcile, the engine's start() then finds it done. */
  connect(): Promise<void> {
    this.connecting ??= this.venue.connect();
    return this.connecting;
  }

  close(): Promise<void> {
    // Requests not yet released were committed as open orders: a resumed session sends them.
    this.queue = [];
    return this.venue.close();
  }

  submit(request: OrderRequest): void {
    this.ours.add(request.clientOrderId);
    this.queue.push(() => this.venue.submit(request));
  }

  private recover(request: OrderRequest, sentAt: number): void {
    this.ours.add(request.clientOrderId);
    this.queue.push(() => this.venue.recover(request, sentAt));
  }

  cancel(clientOrderId: string): void {
    this.queue.push(() => this.venue.cancel(clientOrderId));
  }

  openOrders(): Order[] {
    return this.venue.openOrders();
  }

  balances(): Promise<Balance[]> {
    return this.venue.balances();
  }

  /**
   * The saved session's open orders go out again (exactly once, see the class comment). An order
   * whose submit outcome was unknown is not sent again: it is looked up by client order id and the
   * venue's answer adopted (CcxtBroker.recover); absent, it is rejected.
   */
  restore(state: BrokerRestoreState): void {
    for (const o of state.openOrders) {
      const request: OrderRequest = {
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        type: o.type,
        quantity: o.quantity,
        timeInForce: o.timeInForce,
        createdAt: o.createdAt,
        ...(o.limitPrice ? { limitPrice: o.limitPrice } : {}),
        ...(o.stopPrice ? { stopPrice: o.stopPrice } : {}),
      };
      if (o.status === 'unknown') this.recover(request, o.updatedAt);
      else this.submit(request);
    }
  }

  /** Sends what was queued, in order. Called by the runner after each commit. */
  release(): void {
    const queued = this.queue;
    this.queue = [];
    for (const send of queued) send();
  }

  get pending(): number {
    return this.queue.length;
  }
}
