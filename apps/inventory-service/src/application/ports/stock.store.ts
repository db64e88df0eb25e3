import type { RequestedLine, ReservedLine } from '../../domain/reservation-plan.js';
import type { StockTransaction } from './stock-transactions.js';

export type TakeUnitsResult = { ok: true; lines: ReservedLine[] } | { ok: false; shortSkus: string[] };

/** Units in stock: taken by reservations, given back by releases, with conditional updates only. */
export abstract class StockStore {
  /** The SKUs among `skus` that the catalog does not have. */
  abstract unknownSkus(transaction: StockTransaction, skus: readonly string[]): Promise<string[]>;

  /**
   * Takes the units of every line, or of none, never below zero whatever runs beside it; a
   * shortfall leaves the transaction usable (to record the refusal with the inbox claim). Lines
   * come from planReservation (sorted by SKU, so row locks are always taken in the same order).
   */
  abstract takeUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<TakeUnitsResult>;

  /** Gives the units of released lines back; lines in SKU order, like every stock change. */
  abstract returnUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<void>;
}
