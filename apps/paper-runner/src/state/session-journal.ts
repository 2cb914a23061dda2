import type { EngineRun, OrderEvent, Portfolio } from '@rustybt/engine';
import { fillToRow, orderToRow } from './rows';
import type { StateStore } from './store';

/**
 * What makes a session durable: the engine's journal hook writes every order change and fill, and
 * they commit together with the engine's checkpoint (portfolio, open orders, strategy state, last
 * processed bar) at the end of a batch of bars. A killed process loses the open batch whole and
 * resumes after the last committed bar; replaying the lost bars re-creates the same orders and
 * fills (same client order ids, same fill ids), so nothing is submitted or counted twice.
 */
export class SessionJournal {
  private portfolioChanged = false;
  private sealed = false;

  constructor(
    private readonly store: StateStore,
    private readonly currency = 'USD',
  ) {}

  /**
   * A batch was rolled back: the engine is now ahead of the file, which must keep its last good
   * checkpoint. Nothing more is journalled or committed.
   */
  seal(): void {
    this.sealed = true;
  }

  get isSealed(): boolean {
    return this.sealed;
  }

  /** The engine's journal hook: runs before the strategy hears of the change. */
  record(e: OrderEvent): void {
    if (this.sealed) return;
    this.store.upsertOrder(orderToRow(e.order));
    if (e.type !== 'order_filled') return;
    if (!this.store.insertFill(fillToRow(e.fill))) {
      // The engine has already counted it; stopping (and rolling the batch back) is the only safe answer.
      throw new Error(`fill ${e.fill.fillId} of ${e.fill.clientOrderId} was reported twice; refusing to count it again`);
    }
    this.portfolioChanged = true;
  }

  /** The portfolio changed without a fill (a venue's view adopted at start): rewrite it with the next checkpoint. */
  markPortfolioChanged(): void {
    this.portfolioChanged = true;
  }

  /** Opens a batch unless one is open. True when this call opened it. */
  open(): boolean {
    if (this.store.inTransaction) return false;
    this.store.begin();
    return true;
  }

  /** Checkpoints the engine and commits the batch: from here on it survives a crash. */
  commit(engine: EngineRun): void {
    this.checkpoint(engine);
    this.store.commit();
  }

  /** Forgets the open batch (the engine is then ahead of the file and must not be checkpointed). */
  rollback(): void {
    this.store.rollback();
  }

  checkpoint(engine: EngineRun): void {
    // Positions and cash are the portfolio's, rewritten once per batch that had fills.
    if (this.portfolioChanged) this.savePortfolio(engine.portfolio);
    this.portfolioChanged = false;
    const snap = engine.snapshot();
    this.store.saveCheckpoint({
      last_bar_time: snap.lastBarTime ?? 0,
      bars_processed: snap.barsProcessed,
      equity: engine.portfolio.equity().toFixed(),
      strategy_state: JSON.stringify(snap.strategyState),
      engine_snapshot: JSON.stringify(snap),
      updated_at: Date.now(),
    });
  }

  private savePortfolio(portfolio: Portfolio): void {
    this.store.savePortfolio(
      [...portfolio.positions.values()]
        .filter((p) => !p.quantity.isZero())
        .map((p) => ({ symbol: p.symbol, quantity: p.quantity.toFixed(), avg_price: p.averagePrice.toFixed() })),
      [{ asset: this.currency, amount: portfolio.cash.toFixed() }],
    );
  }
}
