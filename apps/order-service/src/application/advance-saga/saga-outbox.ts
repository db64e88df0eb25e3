import { Injectable } from '@nestjs/common';
import { createMessage, type AnyMessageDefinition, type MessageContext, type MessageOf } from '@shop/contracts';
import { OutboxWriter } from '@shop/messaging';
import type { AppliedTransition } from '../../domain/saga/order-saga.js';
import type { OrderTransaction } from '../ports/order-transactions.js';

/** Writes what a transition sends (commands, then the outcome event) to the outbox of its transaction, in one statement. */
@Injectable()
export class SagaOutbox {
  constructor(private readonly outbox: OutboxWriter) {}

  async write(tx: OrderTransaction, transition: AppliedTransition, context: MessageContext): Promise<void> {
    const messages: { definition: AnyMessageDefinition; payload: unknown }[] = [...transition.commands];
    if (transition.outcome) messages.push(transition.outcome);
    await this.outbox.addAll(
      tx,
      messages.map(({ definition, payload }) => ({ definition, message: createMessage(definition, payload, context) as MessageOf<AnyMessageDefinition> })),
    );
  }
}
