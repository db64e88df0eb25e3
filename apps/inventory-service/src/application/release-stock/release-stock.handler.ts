import { Injectable } from '@nestjs/common';
import type { PayloadOf, ReleaseStockCommand, StockReleasedReply } from '@shop/contracts';
import { decideRelease, type ReleaseDecision, type ReservationStatus } from '../../domain/reservation.js';
import { ReservationStore } from '../ports/reservation.store.js';
import { StockStore } from '../ports/stock.store.js';
import { StockTransactions, type StockTransaction } from '../ports/stock-transactions.js';

type ReleaseStockPayload = PayloadOf<typeof ReleaseStockCommand>;

export interface ReleaseStockOutcome {
  decision: ReleaseDecision;
  /** The reservation's status before this command; null when the order had none. */
  previousStatus: ReservationStatus | null;
  /** Always sent: whatever was held for the order is free now, which is what the saga waits for. */
  reply: PayloadOf<typeof StockReleasedReply>;
}

@Injectable()
export class ReleaseStockHandler {
  constructor(
    private readonly transactions: StockTransactions,
    private readonly reservations: ReservationStore,
    private readonly stock: StockStore,
  ) {}

  /**
   * The saga's compensation: gives a held reservation's units back, once. Releasing again,
   * releasing a rejected or committed reservation, or an order never reserved changes no stock.
   */
  async execute(command: ReleaseStockPayload, transaction?: StockTransaction): Promise<ReleaseStockOutcome> {
    if (!transaction) return this.transactions.run((own) => this.execute(command, own));
    await this.reservations.lockOrder(transaction, command.orderId);
    const existing = await this.reservations.findByOrder(transaction, command.orderId);
    const decision = decideRelease(existing?.status ?? null);
    if (decision === 'RETURN_UNITS' && existing && (await this.reservations.changeStatus(transaction, existing.id, 'RESERVED', 'RELEASED'))) {
      await this.stock.returnUnits(transaction, existing.lines);
    } else if (decision === 'RECORD_EARLY_RELEASE') {
      await this.reservations.recordEarlyRelease(transaction, { orderId: command.orderId, sagaId: command.sagaId });
    }
    return {
      decision,
      previousStatus: existing?.status ?? null,
      reply: { sagaId: command.sagaId, step: 'RELEASE_STOCK', orderId: command.orderId },
    };
  }
}
