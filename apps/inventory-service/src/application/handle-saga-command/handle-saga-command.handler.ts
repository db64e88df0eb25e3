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
import { type CommandEffect, IdempotentCommands, NonRetryableMessageError, type OutgoingMessage } from '@shop/messaging';
import { defineCounter } from '@shop/observability';
import type { z } from 'zod';
import { CommitReservationHandler } from '../commit-reservation/commit-reservation.handler.js';
import { ReleaseStockHandler } from '../release-stock/release-stock.handler.js';
import { ReserveStockHandler } from '../reserve-stock/reserve-stock.handler.js';
import type { StockTransaction } from '../ports/stock-transactions.js';
import { InventoryError } from '../../domain/inventory-error.js';

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
type Handled = CommandEffect<Outcome>;

/**
 * Handles each saga command once: the inbox claim, the stock change and the reply (through the
 * outbox) commit together or not at all. A redelivered command finds its claim and does nothing.
 */
@Injectable()
export class HandleSagaCommandHandler {
  private readonly logger = new Logger(HandleSagaCommandHandler.name);

  constructor(
    private readonly commands: IdempotentCommands<StockTransaction>,
    private readonly reserveStock: ReserveStockHandler,
    private readonly releaseStock: ReleaseStockHandler,
    private readonly commitReservation: CommitReservationHandler,
  ) {}

  /**
   * Runs `work`, which hands several messages to `handle` one after another, in one transaction
   * (IdempotentCommands.inBatch): the consumer's batch of a partition, one commit for all of them.
   */
  inBatch(work: () => Promise<void>): Promise<void> {
    return this.commands.inBatch(work);
  }

  async handle(message: KnownMessage): Promise<void> {
    if (isMessageOf(ReserveStockCommand, message)) return this.onceFor(message, 'ReserveStock', (tx) => this.reserve(tx, message));
    if (isMessageOf(ReleaseStockCommand, message)) return this.onceFor(message, 'ReleaseStock', (tx) => this.release(tx, message));
    if (isMessageOf(CommitReservationCommand, message)) return this.onceFor(message, 'CommitReservation', (tx) => this.commit(tx, message));
    throw new NonRetryableMessageError(`inventory-service does not handle ${message.type} v${message.version}`);
  }

  private async reserve(transaction: StockTransaction, command: MessageOf<typeof ReserveStockCommand>): Promise<Handled> {
    const outcome = await this.reserveStock.execute(command.payload, transaction);
    if (outcome.kind === 'RESERVED') return { result: outcome.kind, send: [reply(command, StockReservedReply, outcome.reply)] };
    if (outcome.kind === 'REJECTED') return { result: outcome.kind, send: [reply(command, StockReservationFailedReply, outcome.reply)] };
    this.logger.warn({ code: 'INVENTORY.RESERVE_AFTER_RELEASE', orderId: command.payload.orderId }, 'ReserveStock after the order was released: nothing reserved, no reply');
    return { result: outcome.kind, send: [] };
  }

  private async release(transaction: StockTransaction, command: MessageOf<typeof ReleaseStockCommand>): Promise<Handled> {
    const outcome = await this.releaseStock.execute(command.payload, transaction);
    if (outcome.previousStatus === 'COMMITTED') {
      this.logger.warn({ code: 'INVENTORY.RELEASE_AFTER_COMMIT', orderId: command.payload.orderId }, 'ReleaseStock for a committed reservation: sold units are not returned');
    }
    return { result: 'RELEASED', send: [reply(command, StockReleasedReply, outcome.reply)] };
  }

  private async commit(transaction: StockTransaction, command: MessageOf<typeof CommitReservationCommand>): Promise<Handled> {
    const outcome = await this.commitReservation.execute(command.payload, transaction);
    // Rolls the transaction back (the inbox claim too) and dead-letters the command: the saga
    // asked for something that contradicts the reservation, which no retry fixes.
    if (!outcome.ok) throw outcome.error;
    return { result: 'COMMITTED', send: [reply(command, ReservationCommittedReply, outcome.reply)] };
  }

  private async onceFor(message: MessageEnvelope, command: Command, work: (transaction: StockTransaction) => Promise<Handled>): Promise<void> {
    try {
      const handled = await this.commands.handle(message, work);
      commandsHandled.add({ command, outcome: handled.kind === 'duplicate' ? 'DUPLICATE' : handled.result });
    } catch (error) {
      if (!(error instanceof InventoryError)) throw error;
      commandsHandled.add({ command, outcome: 'REFUSED' });
      this.logger.error({ code: error.code, messageId: message.messageId }, `${command} refused: ${error.message}`);
      throw new NonRetryableMessageError(error.message);
    }
  }
}

/** A reply to a command, caused by it (same correlation id). */
function reply<TDefinition extends AnyMessageDefinition>(
  command: MessageEnvelope,
  definition: TDefinition,
  payload: z.input<TDefinition['payloadSchema']>,
): OutgoingMessage {
  return { definition, message: createMessage(definition, payload, causedBy(command)) };
}
