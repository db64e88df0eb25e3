import { Injectable } from '@nestjs/common';
import type { PayloadOf, ReserveStockCommand, StockReservationFailedReply, StockReservedReply } from '@shop/contracts';
import { answerForExistingReservation, type Reservation, type ReservationFailureReason } from '../../domain/reservation.js';
import { planReservation, priceReservation, type ReservedLine } from '../../domain/reservation-plan.js';
import { ReservationStore } from '../ports/reservation.store.js';
import { StockStore } from '../ports/stock.store.js';
import { StockTransactions, type StockTransaction } from '../ports/stock-transactions.js';

type ReserveStockPayload = PayloadOf<typeof ReserveStockCommand>;

/** The reply to publish, or none when the order was released before this command arrived. */
export type ReserveStockOutcome =
  | { kind: 'RESERVED'; reply: PayloadOf<typeof StockReservedReply> }
  | { kind: 'REJECTED'; reply: PayloadOf<typeof StockReservationFailedReply> }
  | { kind: 'IGNORED'; reason: 'RELEASED_BEFORE_RESERVED' };

@Injectable()
export class ReserveStockHandler {
  constructor(
    private readonly transactions: StockTransactions,
    private readonly reservations: ReservationStore,
    private readonly stock: StockStore,
  ) {}

  /**
   * Reserves every line of the order, or none, at the catalog's current prices. An order is
   * reserved at most once: a repeated command gets the first answer again. Runs inside
   * `transaction` (with the caller's inbox claim and outbox write), or in one of its own.
   */
  async execute(command: ReserveStockPayload, transaction?: StockTransaction): Promise<ReserveStockOutcome> {
    if (!transaction) return this.transactions.run((own) => this.execute(command, own));
    await this.reservations.lockOrder(transaction, command.orderId);
    const existing = await this.reservations.findByOrder(transaction, command.orderId);
    if (existing) return this.repeatAnswer(command, existing);

    const taken = await this.stock.takeUnits(transaction, planReservation(command.items));
    if (!taken.ok) return this.reject(transaction, command, taken.reason, taken.skus);
    const reserved = reservedOutcome(command, taken.lines);
    await this.reservations.recordReserved(transaction, owner(command), taken.lines);
    return reserved;
  }

  private async reject(
    transaction: StockTransaction,
    command: ReserveStockPayload,
    reason: ReservationFailureReason,
    skus: string[],
  ): Promise<ReserveStockOutcome> {
    await this.reservations.recordRejected(transaction, owner(command), reason, skus);
    return rejectedOutcome(command, reason, skus);
  }

  private repeatAnswer(command: ReserveStockPayload, existing: Reservation): ReserveStockOutcome {
    const answer = answerForExistingReservation(existing);
    switch (answer.kind) {
      case 'RESERVED':
        return reservedOutcome(command, answer.lines);
      case 'REJECTED':
        return rejectedOutcome(command, answer.reason, answer.skus);
      case 'NONE':
        return { kind: 'IGNORED', reason: 'RELEASED_BEFORE_RESERVED' };
    }
  }
}

function owner(command: ReserveStockPayload) {
  return { orderId: command.orderId, sagaId: command.sagaId };
}

/** Throws INVENTORY.MIXED_CURRENCIES (rolling the transaction back) if the lines' currencies differ. */
function reservedOutcome(command: ReserveStockPayload, lines: readonly ReservedLine[]): ReserveStockOutcome {
  const { items, totalCents, currency } = priceReservation(lines);
  return { kind: 'RESERVED', reply: { sagaId: command.sagaId, step: 'RESERVE_STOCK', orderId: command.orderId, items, totalCents, currency } };
}

function rejectedOutcome(command: ReserveStockPayload, reason: ReservationFailureReason, skus: string[]): ReserveStockOutcome {
  return { kind: 'REJECTED', reply: { sagaId: command.sagaId, step: 'RESERVE_STOCK', orderId: command.orderId, reason, skus } };
}
