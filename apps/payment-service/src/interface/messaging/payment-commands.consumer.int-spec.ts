// The consumer's routing through real Kafka: commands produced to a topic of this test's own (so
// the running stack's payment-service never sees them) reach their use cases, and a command a
// payment rule refuses is dead-lettered at once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type AnyMessageDefinition, AuthorizePaymentCommand, CapturePaymentCommand, deadLetterTopicOf, type MessageOf, parseMessage, serializeMessage, Topics } from '@shop/contracts';
import { DEAD_LETTER_HEADERS, KafkaConnection, MessageConsumers } from '@shop/messaging';
import { createMigratedDatabase, eventually, type MigratedDatabase } from '@shop/testing';
import { type Consumer, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { repliesInOutbox } from '../../testing/outbox-replies.js';
import { sagaOf } from '../../testing/payment-commands.fixtures.js';
import { startPaymentTestApp, type PaymentTestApp } from '../../testing/payment-test-app.js';
import { PaymentCommandsConsumer, type PaymentCommandsSubscription } from './payment-commands.consumer.js';

describe('the payment commands consumer on Kafka', { timeout: 120_000 }, () => {
  const run = randomUUID().slice(0, 8);
  const subscription: PaymentCommandsSubscription = { groupId: `payment-service-test-${run}`, topics: [`payment-service-test-${run}.commands`] };
  const commandsTopic = subscription.topics[0] as string;
  const deadLetters: KafkaMessage[] = [];
  let database: MigratedDatabase;
  let service: PaymentTestApp;
  let producer: Producer;
  let deadLetterReader: Consumer;

  before(async () => {
    database = await createMigratedDatabase({ service: 'payment-service', label: 'consumer' });
    service = await startPaymentTestApp(database.url);
    const consumers = service.app.get(MessageConsumers);
    const routing = new PaymentCommandsConsumer(consumers, subscription, service.authorize, service.capture, service.void);
    await consumers.start({
      ...subscription,
      // Read as if from the real command topic, which is where these messages belong.
      parse: (raw) => parseMessage(raw, Topics.paymentCommands),
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      handle: (message) => routing.handle(message),
    });
    const { kafka } = service.app.get(KafkaConnection);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    deadLetterReader = kafka.consumer({ groupId: `${subscription.groupId}-dlt-reader` });
    await deadLetterReader.connect();
    await deadLetterReader.subscribe({ topic: deadLetterTopicOf(commandsTopic), fromBeginning: true });
    await deadLetterReader.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });
  });
  after(async () => {
    await deadLetterReader?.disconnect();
    await producer?.disconnect();
    await service?.close(); // stops the consumer
    const admin = service?.app.get(KafkaConnection).kafka.admin();
    await admin?.connect();
    await admin?.deleteTopics({ topics: [commandsTopic, deadLetterTopicOf(commandsTopic)] }).catch(() => undefined);
    await admin?.disconnect();
    await database?.drop();
  });

  async function send<TDefinition extends AnyMessageDefinition>(definition: TDefinition, message: MessageOf<TDefinition>): Promise<void> {
    await producer.send({ topic: commandsTopic, messages: [{ key: definition.keyOf(message.payload), value: serializeMessage(message) }] });
  }

  it('hands authorize and capture commands to their use cases, whose replies land in the outbox', async () => {
    const saga = sagaOf();
    const authorize = saga.authorize('pm_card_ok');
    await send(AuthorizePaymentCommand, authorize);
    await send(CapturePaymentCommand, saga.capture());

    const replies = await eventually('two replies in the outbox', async () => {
      const written = await repliesInOutbox(service.prisma, saga.orderId);
      return written.length >= 2 && written;
    });
    assert.deepEqual(
      replies.map((reply) => reply.type),
      ['payment.PaymentAuthorized', 'payment.PaymentCaptured'],
    );
    assert.equal(replies[0]?.causationId, authorize.messageId);
  });

  it('dead-letters at once, with the refusal, a command that a payment rule refuses', async () => {
    const orderId = randomUUID();
    await send(CapturePaymentCommand, sagaOf(orderId).capture());

    const deadLetter = await eventually('the dead letter', () => deadLetters.find((message) => message.key?.toString() === orderId));
    const header = (name: string) => deadLetter.headers?.[name]?.toString();
    assert.equal(header(DEAD_LETTER_HEADERS.reason), 'HANDLER_FAILED');
    assert.equal(header(DEAD_LETTER_HEADERS.attempts), '1', 'not retried');
    assert.match(header(DEAD_LETTER_HEADERS.detail) ?? '', /PAYMENT\.NOT_FOUND/);
  });
});
