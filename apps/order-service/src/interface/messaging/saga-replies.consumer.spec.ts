import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMessage, OrderConfirmedEvent, StockReleasedReply, type KnownMessage } from '@shop/contracts';
import { type MessageConsumers, NonRetryableMessageError } from '@shop/messaging';
import type { HandleSagaReplyHandler, SagaReplyOutcome } from '../../application/handle-saga-reply/handle-saga-reply.handler.js';
import { SagaRepliesConsumer, sagaRepliesSubscription } from './saga-replies.consumer.js';

function consumerAnswering(outcome: SagaReplyOutcome) {
  const handled: KnownMessage[] = [];
  const replies = { handle: async (message: KnownMessage) => (handled.push(message), outcome) } as unknown as HandleSagaReplyHandler;
  return { consumer: new SagaRepliesConsumer({} as MessageConsumers, sagaRepliesSubscription, replies), handled };
}

const orderId = randomUUID();
const released = createMessage(StockReleasedReply, { sagaId: randomUUID(), step: 'RELEASE_STOCK', orderId }, { correlationId: orderId });

describe('the saga replies consumer', () => {
  it('reads the reply topic as the order-service group', () => {
    assert.deepEqual(sagaRepliesSubscription, { groupId: 'order-service', topics: ['order.saga-replies.v1'] });
  });

  it('hands a reply to the saga', async () => {
    const { consumer, handled } = consumerAnswering({ kind: 'duplicate' });
    await consumer.handle(released);
    assert.deepEqual(handled, [released]);
  });

  it('dead-letters at once a message that is not a saga reply', async () => {
    const { consumer, handled } = consumerAnswering({ kind: 'duplicate' });
    const event = createMessage(OrderConfirmedEvent, { orderId, userId: randomUUID(), totalCents: 100, currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }] }, { correlationId: orderId });
    await assert.rejects(consumer.handle(event), NonRetryableMessageError);
    assert.deepEqual(handled, []);
  });

  it('dead-letters at once a reply for an order with no saga, which no retry can fix', async () => {
    const { consumer } = consumerAnswering({ kind: 'unknown-saga' });
    await assert.rejects(consumer.handle(released), (error: unknown) => error instanceof NonRetryableMessageError && /has no saga here/.test(error.message));
  });
});
