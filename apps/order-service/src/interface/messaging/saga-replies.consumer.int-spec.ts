// The reply consumer on real Kafka: replies produced to a topic of this test's own (so the running
// stack's order-service never sees them) advance the saga stored in a throw-away database, and a
// reply for an order this service does not know is dead-lettered at once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createMessage, deadLetterTopicOf, parseMessage, serializeMessage, StockReleasedReply, Topics } from '@shop/contracts';
import { DEAD_LETTER_HEADERS, KafkaConnection, MessageConsumers } from '@shop/messaging';
import { createMigratedDatabase, eventually, type MigratedDatabase } from '@shop/testing';
import { type Consumer, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { outboxTypes } from '../../testing/outbox-messages.js';
import { repliesFor, sagaRowOf } from '../../testing/saga-replies.fixtures.js';
import type { SagaReplyMessage } from '../../application/handle-saga-reply/handle-saga-reply.handler.js';
import { SagaRepliesConsumer, type SagaRepliesSubscription } from './saga-replies.consumer.js';

describe('the saga replies consumer on Kafka', { timeout: 120_000 }, () => {
  const run = randomUUID().slice(0, 8);
  const subscription: SagaRepliesSubscription = { groupId: `order-service-test-${run}`, topics: [`order-service-test-${run}.saga-replies`] };
  const repliesTopic = subscription.topics[0] as string;
  const deadLetters: KafkaMessage[] = [];
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;
  let producer: Producer;
  let deadLetterReader: Consumer;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'consumer' });
    inventory = await FakeInventoryServer.start([{ sku: 'MUG-1', priceCents: 1250 }]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url });
    const consumers = service.app.get(MessageConsumers);
    const routing = new SagaRepliesConsumer(consumers, subscription, service.replies);
    await consumers.start({
      ...subscription,
      // Read as if from the real reply topic, which is where these messages belong.
      parse: (raw) => parseMessage(raw, Topics.orderSagaReplies),
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      handle: (message) => routing.handle(message),
    });
    const { kafka } = service.app.get(KafkaConnection);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    deadLetterReader = kafka.consumer({ groupId: `${subscription.groupId}-dlt-reader` });
    await deadLetterReader.connect();
    await deadLetterReader.subscribe({ topic: deadLetterTopicOf(repliesTopic), fromBeginning: true });
    await deadLetterReader.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });
  });
  after(async () => {
    await deadLetterReader?.disconnect();
    await producer?.disconnect();
    const admin = service?.app.get(KafkaConnection).kafka.admin();
    await service?.close(); // stops the consumer
    await admin?.connect();
    await admin?.deleteTopics({ topics: [repliesTopic, deadLetterTopicOf(repliesTopic)] }).catch(() => undefined);
    await admin?.disconnect();
    await inventory?.stop();
    await database?.drop();
  });

  async function send(message: SagaReplyMessage): Promise<void> {
    await producer.send({ topic: repliesTopic, messages: [{ key: message.payload.orderId, value: serializeMessage(message) }] });
  }

  it('advances the saga with each reply it reads, once even when the reply is delivered twice', async () => {
    const { orderId } = await service.placeOrder.execute({ userId: randomUUID(), items: [{ sku: 'MUG-1', quantity: 1 }], paymentToken: 'pm_card_ok', idempotencyKey: null });
    const replies = await repliesFor(database, orderId);
    const reserved = replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1250 }]);
    await send(reserved);
    await send(reserved);
    await send(replies.paymentAuthorized(1250));

    await eventually('the saga to reach CONFIRMING', async () => (await sagaRowOf(database, orderId)).state === 'CONFIRMING');
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'payment.AuthorizePayment', 'inventory.CommitReservation', 'payment.CapturePayment']);
  });

  it('dead-letters at once a reply for an order that has no saga here', async () => {
    const orderId = randomUUID();
    const stray = createMessage(StockReleasedReply, { sagaId: randomUUID(), step: 'RELEASE_STOCK', orderId }, { correlationId: orderId }) as SagaReplyMessage;
    await send(stray);
    const parked = await eventually('the reply on the dead-letter topic', () => deadLetters.find((message) => message.key?.toString() === orderId));
    assert.equal(parked.headers?.[DEAD_LETTER_HEADERS.reason]?.toString(), 'HANDLER_FAILED');
    assert.equal(parked.headers?.[DEAD_LETTER_HEADERS.attempts]?.toString(), '1', 'not retried: it can never succeed');
    assert.match(parked.headers?.[DEAD_LETTER_HEADERS.detail]?.toString() ?? '', /has no saga here/);
  });
});
