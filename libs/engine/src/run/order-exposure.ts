import Decimal from 'decimal.js';
import { ZERO } from '../model/decimal';
import type { Portfolio } from '../portfolio/portfolio';
import type { OrderExposure } from '../risk/risk-engine';
import type { OrderBook } from './order-book';

/**
 * What an order would add to the account, for the risk engine: the projected position of its
 * symbol (position + open orders), open positions, and float estimates of equity and gross
 * exposure; exact decimals only on request.
 */
export function orderExposure(
  pf: Portfolio,
  book: OrderBook,
  symbol: string,
  referencePrice: () => Decimal,
  referenceNumber: number,
  quantityNumber: number,
): OrderExposure {
  const lastOf = (s: string) => {
    const last = pf.positions.get(s)?.lastPrice;
    return last !== undefined && Number.isFinite(last) ? last : 0;
  };
  const priceOf = (s: string) => (s === symbol ? referenceNumber : lastOf(s));
  let gross = 0;
  let open = 0;
  let projectedBefore = ZERO;
  let projectedBeforeNumber = 0;
  const ordered = book.size > 0 ? book.symbols() : undefined;
  for (const p of pf.positions.values()) {
    const pending = ordered?.has(p.symbol) ? book.pending(p.symbol) : ZERO;
    if (p.quantityNumber === 0 && pending.isZero() && !ordered?.has(p.symbol)) continue;
    const q = pending.isZero() ? p.quantity : p.quantity.add(pending);
    const qn = pending.isZero() ? p.quantityNumber : Number(q.valueOf());
    if (p.symbol === symbol) {
      projectedBefore = q;
      projectedBeforeNumber = qn;
    }
    open++;
    gross += Math.abs(qn) * priceOf(p.symbol);
  }
  if (ordered) {
    for (const s of ordered) {
      if (pf.positions.has(s)) continue;
      const q = book.pending(s);
      const qn = Number(q.valueOf());
      if (s === symbol) {
        projectedBefore = q;
        projectedBeforeNumber = qn;
      }
      open++;
      gross += Math.abs(qn) * priceOf(s);
    }
  }
  return {
    referencePrice,
    projectedBefore,
    openPositions: open,
    estimate: {
      referencePrice: referenceNumber,
      projectedBefore: projectedBeforeNumber,
      quantity: quantityNumber,
      equity: pf.equityNumber(),
      grossExposure: gross,
    },
    exact: () => {
      let g = ZERO;
      for (const s of new Set([...pf.positions.keys(), ...book.symbols()])) {
        const q = (pf.positions.get(s)?.quantity ?? ZERO).add(book.pending(s));
        if (!q.isZero()) g = g.add(q.abs().mul(s === symbol ? referencePrice() : new Decimal(lastOf(s))));
      }
      return { equity: pf.equity(), grossExposure: g };
    },
  };
}
