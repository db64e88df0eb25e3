import type { ReservationFailureReason } from '../../domain/reservation.js';
import type { RequestedLine, ReservedLine } from '../../domain/reservation-plan.js';
import type { StockTransaction } from './stock-transactions.js';

/** The lines taken at the catalog's prices, or why none was: SKUs the catalog lacks first, then SKUs short of units. */
export type TakeUnitsResult = { ok: true; lines: ReservedLine[] } | { ok: false; reason: ReservationFailureReason; skus: string[] };

/** Units in stock: taken by reservations, given back by releases, with conditional updates only. */
export abstract class StockStore {
  /**
   * Takes the units of every line, or of none, never below zero whatever runs beside it; a
   * refusal (an unknown SKU, a shortfall) leaves the transaction usable, to record it with the
   * inbox claim. Lines come from planReservation (sorted by SKU, so row locks are always taken in
   * the same order).
   */
  abstract takeUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<TakeUnitsResult>;

  /** Gives the units of released lines back; lines in SKU order, like every stock change. */
  abstract returnUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<void>;
}
