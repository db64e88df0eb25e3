import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { defineCounter } from '@shop/observability';
import type { Config } from '../../config.js';
import { ReservationStore } from '../ports/reservation.store.js';
import { StockStore } from '../ports/stock.store.js';
import { StockTransactions } from '../ports/stock-transactions.js';

/** Most reservations one sweep expires; the rest wait for the next sweep. */
const SWEEP_BATCH_SIZE = 100;

const expiredReservations = defineCounter(
  'inventory_reservations_expired',
  {},
  'Reservations whose hold ran out (RESERVATION_HOLD_LIMIT_MS): their units went back to available without a ReleaseStock.',
);

/**
 * Parked work has an owner: units reserved for an order that neither committed nor released them
 * within RESERVATION_HOLD_LIMIT_MS go back to the catalog, one reservation per transaction, and the
 * reservation records when (`expired_at`). A ReleaseStock that comes later finds it released and is
 * acknowledged as usual; a CommitReservation that comes later is refused, for an operator.
 */
@Injectable()
export class ExpireHeldReservationsHandler {
  private readonly logger = new Logger(ExpireHeldReservationsHandler.name);

  constructor(
    private readonly transactions: StockTransactions,
    private readonly reservations: ReservationStore,
    private readonly stock: StockStore,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
  ) {}

  /** Expires what is due now; returns how many reservations it released. */
  async sweepOnce(now = new Date()): Promise<number> {
    const heldSince = new Date(now.getTime() - this.config.RESERVATION_HOLD_LIMIT_MS);
    let expired = 0;
    while (expired < SWEEP_BATCH_SIZE) {
      const released = await this.transactions.run(async (transaction) => {
        const due = await this.reservations.findOldestExpiredHold(transaction, heldSince);
        if (!due) return null;
        // The order's lock first, then read again: a release or commit may have just won the race.
        await this.reservations.lockOrder(transaction, due.orderId);
        const reservation = await this.reservations.findByOrder(transaction, due.orderId);
        const stillHeld = reservation?.status === 'RESERVED' && (await this.reservations.recordExpired(transaction, due.id, now));
        if (stillHeld) await this.stock.returnUnits(transaction, reservation.lines);
        return { ...due, stillHeld };
      });
      if (!released) break;
      if (!released.stillHeld) continue;
      expired += 1;
      expiredReservations.add({});
      this.logger.warn({ code: 'INVENTORY.RESERVATION_EXPIRED', orderId: released.orderId, reservationId: released.id }, `reservation of order ${released.orderId} held past its limit: units released`);
    }
    return expired;
  }
}
