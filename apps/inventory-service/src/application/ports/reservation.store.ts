import type { Reservation, ReservationFailureReason, ReservationStatus } from '../../domain/reservation.js';
import type { ReservedLine } from '../../domain/reservation-plan.js';
import type { StockTransaction } from './stock-transactions.js';

export interface ReservationOwner {
  orderId: string;
  sagaId: string;
}

/** The reservations of orders: at most one per order, with its lines and prices. */
export abstract class ReservationStore {
  /**
   * Serialises every command about one order until the transaction ends, so a reserve and a
   * release (or two deliveries of one command) for the same order never interleave.
   */
  abstract lockOrder(transaction: StockTransaction, orderId: string): Promise<void>;
  abstract findByOrder(transaction: StockTransaction, orderId: string): Promise<Reservation | null>;
  abstract recordReserved(transaction: StockTransaction, owner: ReservationOwner, lines: readonly ReservedLine[]): Promise<void>;
  abstract recordRejected(transaction: StockTransaction, owner: ReservationOwner, reason: ReservationFailureReason, skus: readonly string[]): Promise<void>;
  /** A RELEASED reservation without lines: the order's release came before any reservation. */
  abstract recordEarlyRelease(transaction: StockTransaction, owner: ReservationOwner): Promise<void>;
  /** Moves a reservation on from `from`; false when it was not in `from` (nothing changed). */
  abstract changeStatus(transaction: StockTransaction, id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean>;
  /** The oldest reservation still RESERVED since before `heldSince`, unlocked: the caller locks its order and reads it again. */
  abstract findOldestExpiredHold(transaction: StockTransaction, heldSince: Date): Promise<{ id: string; orderId: string } | null>;
  /** RESERVED → RELEASED because the hold ran out; false when it was no longer RESERVED. */
  abstract recordExpired(transaction: StockTransaction, id: string, at: Date): Promise<boolean>;
}
