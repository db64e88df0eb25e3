import { InventoryError } from './inventory-error.js';
import type { ReservedLine } from './reservation-plan.js';

/**
 * RESERVED while the saga runs, then COMMITTED (sold) or RELEASED (units back in stock).
 * REJECTED: nothing could be reserved. A RELEASED reservation without lines records a release
 * that arrived before any reservation.
 */
export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'COMMITTED' | 'REJECTED';

export type ReservationFailureReason = 'INSUFFICIENT_STOCK' | 'UNKNOWN_SKU';

/** The reservation of one order, as stored. */
export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  lines: ReservedLine[];
  failureReason: ReservationFailureReason | null;
  failedSkus: string[];
}

/**
 * The answer to a ReserveStock for an order that already has a reservation: the first answer,
 * again, since an order is reserved at most once. Nothing to answer when the order was released
 * before it was ever reserved (the saga gave up on it; holding units now would leak them).
 */
export type RepeatedReserveAnswer =
  | { kind: 'RESERVED'; lines: ReservedLine[] }
  | { kind: 'REJECTED'; reason: ReservationFailureReason; skus: string[] }
  | { kind: 'NONE' };

export function answerForExistingReservation(reservation: Reservation): RepeatedReserveAnswer {
  if (reservation.status === 'REJECTED') {
    return { kind: 'REJECTED', reason: reservation.failureReason ?? 'INSUFFICIENT_STOCK', skus: reservation.failedSkus };
  }
  if (reservation.lines.length === 0) return { kind: 'NONE' };
  return { kind: 'RESERVED', lines: reservation.lines };
}

/**
 * What ReleaseStock does, by the order's reservation status (null: no reservation):
 * - RECORD_EARLY_RELEASE: nothing reserved yet; remember the release, so a ReserveStock that
 *   arrives late (redelivered, replayed from a dead letter) reserves nothing;
 * - RETURN_UNITS: RESERVED becomes RELEASED and its units go back to `available`;
 * - NOTHING_HELD: already released, rejected, or committed (sold units are not returned: a
 *   refund or a return is another process).
 */
export type ReleaseDecision = 'RECORD_EARLY_RELEASE' | 'RETURN_UNITS' | 'NOTHING_HELD';

export function decideRelease(status: ReservationStatus | null): ReleaseDecision {
  if (status === null) return 'RECORD_EARLY_RELEASE';
  return status === 'RESERVED' ? 'RETURN_UNITS' : 'NOTHING_HELD';
}

/** What CommitReservation does: commit a held reservation once; anything else is a saga bug. */
export type CommitDecision = { kind: 'COMMIT' } | { kind: 'ALREADY_COMMITTED' } | { kind: 'REFUSE'; error: InventoryError };

export function decideCommit(orderId: string, status: ReservationStatus | null): CommitDecision {
  switch (status) {
    case 'RESERVED':
      return { kind: 'COMMIT' };
    case 'COMMITTED':
      return { kind: 'ALREADY_COMMITTED' };
    case null:
      return { kind: 'REFUSE', error: new InventoryError('INVENTORY.RESERVATION_NOT_FOUND', `order ${orderId} has no reservation`) };
    default:
      return {
        kind: 'REFUSE',
        error: new InventoryError('INVENTORY.RESERVATION_NOT_HELD', `the reservation of order ${orderId} is ${status}, not RESERVED`),
      };
  }
}
