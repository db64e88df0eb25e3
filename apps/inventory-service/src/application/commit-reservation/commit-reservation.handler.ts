import { Injectable } from '@nestjs/common';
import type { CommitReservationCommand, PayloadOf, ReservationCommittedReply } from '@shop/contracts';
import type { InventoryError } from '../../domain/inventory-error.js';
import { decideCommit } from '../../domain/reservation.js';
import { ReservationStore } from '../ports/reservation.store.js';
import { StockTransactions, type StockTransaction } from '../ports/stock-transactions.js';

type CommitReservationPayload = PayloadOf<typeof CommitReservationCommand>;

export type CommitReservationOutcome = { ok: true; reply: PayloadOf<typeof ReservationCommittedReply> } | { ok: false; error: InventoryError };

@Injectable()
export class CommitReservationHandler {
  constructor(
    private readonly transactions: StockTransactions,
    private readonly reservations: ReservationStore,
  ) {}

  /**
   * Turns the order's held units into a sale (they already left `available`, so no stock
   * changes). Committing twice is done; an order without a held reservation is refused with a code.
   */
  async execute(command: CommitReservationPayload, transaction?: StockTransaction): Promise<CommitReservationOutcome> {
    if (!transaction) return this.transactions.run((own) => this.execute(command, own));
    await this.reservations.lockOrder(transaction, command.orderId);
    const existing = await this.reservations.findByOrder(transaction, command.orderId);
    const decision = decideCommit(command.orderId, existing?.status ?? null);
    if (decision.kind === 'REFUSE') return { ok: false, error: decision.error };
    if (decision.kind === 'COMMIT' && existing) await this.reservations.changeStatus(transaction, existing.id, 'RESERVED', 'COMMITTED');
    return { ok: true, reply: { sagaId: command.sagaId, step: 'COMMIT_RESERVATION', orderId: command.orderId } };
  }
}
