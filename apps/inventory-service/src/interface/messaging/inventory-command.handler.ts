import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  CommitReservationCommand,
  createMessage,
  isMessageOf,
  ReleaseStockCommand,
  ReservationCommittedReply,
  ReserveStockCommand,
  StockReleasedReply,
  StockReservationFailedReply,
  StockReservedReply,
  type AnyMessageDefinition,
  type KnownMessage,
  type MessageEnvelope,
  type MessageOf,
} from '@shop/contracts';
import { Inbox, NonRetryableMessageError, OutboxWriter } from '@shop/messaging';
import { defineCounter } from '@shop/observability';
import type { z } from 'zod';
import { CommitReservationHandler } from '../../application/commit-reservation/commit-reservation.handler.js';
import { ReleaseStockHandler } from '../../application/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from '../../application/reserve-stock/reserve-stock.handler.js';
import type { StockTransaction } from '../../application/stock-transaction.js';
import { InventoryError } from '../../domain/inventory-error.js';
import { StockTransactions } from '../../infrastructure/stock-transactions.js';

/** The consumer group of the inventory's saga commands, and its name in the inbox. */
export const INVENTORY_CONSUMER_GROUP = 'inventory-service';

const commandsHandled = defineCounter(
  'inventory_saga_commands',
  {
    command: ['ReserveStock', 'ReleaseStock', 'CommitReservation'],
    outcome: ['RESERVED', 'REJECTED', 'IGNORED', 'RELEASED', 'COMMITTED', 'REFUSED', 'DUPLICATE'],
  },
  'Saga commands handled by the inventory, by outcome; DUPLICATE: a redelivery the inbox recognised.',
);

type Command = 'ReserveStock' | 'ReleaseStock' | 'CommitReservation';
type Outcome = 'RESERVED' | 'REJECTED' | 'IGNORED' | 'RELEASED' | 'COMMITTED' | 'REFUSED';

/**
 * Handles each saga command once: the inbox claim, the stock change and the reply (through the
 * outbox) commit together or not at all. A redelivered command finds its claim and does nothing.
 */
@Injectable()
export class InventoryCommandHandler {
  private readonly logger = new Logger(InventoryCommandHandler.name);

  constructor(
    private readonly transactions: StockTransactions,
    private readonly inbox: Inbox,
    private readonly outbox: OutboxWriter,
    private readonly reserveStock: ReserveStockHandler,
    private readonly releaseStock: ReleaseStockHandler,
    private readonly commitReservation: CommitReservationHandler,
  ) {}

  async handle(message: KnownMessage): Promise<void> {
    if (isMessageOf(ReserveStockCommand, message)) return this.onceFor(message, 'ReserveStock', (tx) => this.reserve(tx, message));
    if (isMessageOf(ReleaseStockCommand, message)) return this.onceFor(message, 'ReleaseStock', (tx) => this.release(tx, message));
    if (isMessageOf(CommitReservationCommand, message)) return this.onceFor(message, 'CommitReservation', (tx) => this.commit(tx, message));
    throw new NonRetryableMessageError(`inventory-service does not handle ${message.type} v${message.version}`);
  }

  private async reserve(transaction: StockTransaction, command: MessageOf<typeof ReserveStockCommand>): Promise<Outcome> {
    const outcome = await this.reserveStock.reserveStock(command.payload, transaction);
    if (outcome.kind === 'RESERVED') await this.reply(transaction, command, StockReservedReply, outcome.reply);
    if (outcome.kind === 'REJECTED') await this.reply(transaction, command, StockReservationFailedReply, outcome.reply);
    if (outcome.kind === 'IGNORED') {
      this.logger.warn({ code: 'INVENTORY.RESERVE_AFTER_RELEASE', orderId: command.payload.orderId }, 'ReserveStock after the order was released: nothing reserved, no reply');
    }
    return outcome.kind;
  }

  private async release(transaction: StockTransaction, command: MessageOf<typeof ReleaseStockCommand>): Promise<Outcome> {
    const outcome = await this.releaseStock.releaseStock(command.payload, transaction);
    if (outcome.previousStatus === 'COMMITTED') {
      this.logger.warn({ code: 'INVENTORY.RELEASE_AFTER_COMMIT', orderId: command.payload.orderId }, 'ReleaseStock for a committed reservation: sold units are not returned');
    }
    await this.reply(transaction, command, StockReleasedReply, outcome.reply);
    return 'RELEASED';
  }

  private async commit(transaction: StockTransaction, command: MessageOf<typeof CommitReservationCommand>): Promise<Outcome> {
    const outcome = await this.commitReservation.commitReservation(command.payload, transaction);
    // Rolls the transaction back (the inbox claim too) and dead-letters the command: the saga
    // asked for something that contradicts the reservation, which no retry fixes.
    if (!outcome.ok) throw outcome.error;
    await this.reply(transaction, command, ReservationCommittedReply, outcome.reply);
    return 'COMMITTED';
  }

  private async onceFor(message: MessageEnvelope, command: Command, work: (transaction: StockTransaction) => Promise<Outcome>): Promise<void> {
    try {
      const outcome = await this.transactions.run(async (transaction) => {
        if (!(await this.inbox.claim(transaction.db, INVENTORY_CONSUMER_GROUP, message.messageId))) return 'DUPLICATE' as const;
        return work(transaction);
      });
      commandsHandled.add({ command, outcome });
    } catch (error) {
      if (!(error instanceof InventoryError)) throw error;
      commandsHandled.add({ command, outcome: 'REFUSED' });
      this.logger.error({ code: error.code, messageId: message.messageId }, `${command} refused: ${error.message}`);
      throw new NonRetryableMessageError(error.message);
    }
  }

  private async reply<TDefinition extends AnyMessageDefinition>(
    transaction: StockTransaction,
    command: MessageEnvelope,
    definition: TDefinition,
    payload: z.input<TDefinition['payloadSchema']>,
  ): Promise<void> {
    await this.outbox.add(transaction.db, definition, createMessage(definition, payload, causedBy(command)));
  }
}
