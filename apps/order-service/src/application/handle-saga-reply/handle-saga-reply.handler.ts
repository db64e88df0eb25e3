import { Injectable } from '@nestjs/common';
import { causedBy, type MessageEnvelope } from '@shop/contracts';
import { Inbox } from '@shop/messaging';
import type { SagaTransition } from '../../domain/saga/order-saga.js';
import type { SagaReply } from '../../domain/saga/saga-messages.js';
import { SagaProgress } from '../advance-saga/saga-progress.js';
import { OrderTransactions } from '../ports/order-transactions.js';
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

/**
 * Advances a saga with a participant's reply. Claiming the message in the inbox, locking the saga
 * row, applying the state machine and writing the result with its outbox messages is one
 * transaction: a redelivered reply finds its id in the inbox and changes nothing, and a crash
 * midway leaves no trace, so the redelivery does the whole work.
 */
@Injectable()
export class HandleSagaReplyHandler {
  constructor(
    private readonly transactions: OrderTransactions,
    private readonly inbox: Inbox,
    private readonly sagas: SagaStore,
    private readonly progress: SagaProgress,
  ) {}

  async handle(message: SagaReplyMessage): Promise<SagaReplyOutcome> {
    const result = await this.transactions.run(async (tx) => {
      // Looked up before the claim: a reply for an unknown saga stays unhandled, for the caller to dead-letter.
      const locked = await this.sagas.lockByOrderId(tx, message.payload.orderId);
      if (!locked) return { kind: 'unknown-saga' } as const;
      if (!(await this.inbox.claim(tx, SAGA_REPLIES_CONSUMER_GROUP, message.messageId))) return { kind: 'duplicate' } as const;
      const transition = await this.progress.advance(tx, locked, { kind: 'reply', reply: message }, causedBy(message));
      return { kind: 'handled', locked, transition } as const;
    });
    if (result.kind !== 'handled') return result;
    this.report(result.locked, result.transition, message);
    return { kind: 'handled', transition: result.transition };
  }

  private report(locked: LockedSaga, transition: SagaTransition, message: SagaReplyMessage): void {
    this.progress.report(locked, transition, `${message.type} ${message.messageId}`);
  }
}
