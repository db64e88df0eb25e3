import { Injectable } from '@nestjs/common';
import { causedBy, type MessageEnvelope } from '@shop/contracts';
import { IdempotentCommands } from '@shop/messaging';
import type { SagaTransition } from '../../domain/saga/order-saga.js';
import type { SagaReply } from '../../domain/saga/saga-messages.js';
import { SagaProgress } from '../advance-saga/saga-progress.js';
import type { OrderTransaction } from '../ports/order-transactions.js';
import { SagaStore, type LockedSaga } from '../ports/saga.store.js';

/** The consumer group of the reply topic, and the inbox namespace of the replies it handled. */
export const SAGA_REPLIES_CONSUMER_GROUP = 'order-service';

export type SagaReplyMessage = MessageEnvelope & SagaReply;

export type SagaReplyOutcome =
  | { readonly kind: 'handled'; readonly transition: SagaTransition }
  /** This very message was handled before (a redelivery): nothing was done. */
  | { readonly kind: 'duplicate' }
  /** No saga of this service belongs to the reply's order. */
  | { readonly kind: 'unknown-saga' };

/** Thrown inside the reply's transaction, so that its inbox claim rolls back with it. */
class UnknownSagaError extends Error {}

/**
 * Advances a saga with a participant's reply. Claiming the message in the inbox, locking the saga
 * row, applying the state machine and writing the result with its outbox messages is one
 * transaction (IdempotentCommands): a redelivered reply finds its id in the inbox and changes
 * nothing, and a crash midway leaves no trace, so the redelivery does the whole work.
 */
@Injectable()
export class HandleSagaReplyHandler {
  constructor(
    private readonly commands: IdempotentCommands<OrderTransaction>,
    private readonly sagas: SagaStore,
    private readonly progress: SagaProgress,
  ) {}

  /**
   * Runs `work`, which hands several messages to `handle` one after another, in one transaction
   * (IdempotentCommands.inBatch): the consumer's batch of a partition, one commit for all of them.
   */
  inBatch(work: () => Promise<void>): Promise<void> {
    return this.commands.inBatch(work);
  }

  async handle(message: SagaReplyMessage): Promise<SagaReplyOutcome> {
    try {
      const outcome = await this.commands.handle(message, async (tx) => {
        const locked = await this.sagas.lockByOrderId(tx, message.payload.orderId);
        // Unclaimed: a reply for an unknown saga stays unhandled, for the caller to dead-letter.
        if (!locked) throw new UnknownSagaError();
        // SagaProgress writes the transition's messages to the outbox itself: the deadline sweeper shares it.
        const transition = await this.progress.advance(tx, locked, { kind: 'reply', reply: message }, causedBy(message));
        return { result: { locked, transition }, send: [] };
      });
      if (outcome.kind === 'duplicate') return outcome;
      this.report(outcome.result.locked, outcome.result.transition, message);
      return { kind: 'handled', transition: outcome.result.transition };
    } catch (error) {
      if (error instanceof UnknownSagaError) return { kind: 'unknown-saga' };
      throw error;
    }
  }

  private report(locked: LockedSaga, transition: SagaTransition, message: SagaReplyMessage): void {
    this.progress.report(locked, transition, `${message.type} ${message.messageId}`);
  }
}
