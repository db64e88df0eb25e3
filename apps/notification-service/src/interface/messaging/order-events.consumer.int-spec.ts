// The Kafka path: order events published on the native stack's Kafka (on a topic and group of this
// test's own) reach NotifyOrderOutcomeHandler through @shop/messaging's consumer, with its retries and
// dead-letter topic.
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { deadLetterTopicOf, OrderConfirmedEvent, OrderRejectedEvent, toKafkaRecord, type MessageOf } from '@shop/contracts';
import { DEAD_LETTER_HEADERS, MessagingModule } from '@shop/messaging';
import { eventually, freePort } from '@shop/testing';
import { Kafka, logLevel, type KafkaMessage, type Producer } from 'kafkajs';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../config.js';
import type { Notification } from '../../domain/notification.js';
import { startFakeSmtpServer } from '../../testing/fake-smtp-server.js';
import { startFakeUserService, type FakeUserService } from '../../testing/fake-user-service.js';
import { startNotificationTestApp, type NotificationTestApp } from '../../testing/notification-test-app.js';
import { orderConfirmed, orderRejected } from '../../testing/order-events.js';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { ORDER_EVENTS_SUBSCRIPTION, OrderEventsConsumer, type OrderEventsSubscription } from './order-events.consumer.js';

type NotificationDocument = Omit<Notification, 'id'> & { _id: string };

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');
const unique = (label: string) => `test.notification-service.${label}.${randomBytes(4).toString('hex')}`;

/** The app as main.ts composes it, consuming the given subscription. */
function startConsumingApp(database: TestDatabase, userGrpcUrl: string, subscription: OrderEventsSubscription, environment: Record<string, string> = {}): Promise<NotificationTestApp> {
  const messaging = MessagingModule.forRootAsync({
    useFactory: (config: Config) => ({ clientId: 'notification-service-test', brokers: config.KAFKA_BROKERS }),
    inject: [SERVICE_CONFIG],
  });
  return startNotificationTestApp({
    mongoUrl: database.url,
    userGrpcUrl,
    environment,
    imports: [messaging],
    providers: [OrderEventsConsumer, { provide: ORDER_EVENTS_SUBSCRIPTION, useValue: subscription }],
  });
}

describe('the order events consumer', () => {
  const kafka = new Kafka({ clientId: 'notification-service-test', brokers, logLevel: logLevel.NOTHING });
  let producer: Producer;
  let database: TestDatabase;
  let users: FakeUserService;
  const apps: NotificationTestApp[] = [];

  const notificationsOf = (orderId: string) => database.db.collection<NotificationDocument>('notifications').find({ orderId }).toArray();
  async function publish(topic: string, message: MessageOf<typeof OrderConfirmedEvent> | MessageOf<typeof OrderRejectedEvent>) {
    const record = 'items' in message.payload ? toKafkaRecord(OrderConfirmedEvent, message as MessageOf<typeof OrderConfirmedEvent>) : toKafkaRecord(OrderRejectedEvent, message as MessageOf<typeof OrderRejectedEvent>);
    await producer.send({ topic, messages: [{ key: record.key, value: record.value }] });
  }

  before(async () => {
    database = await openTestDatabase();
    users = await startFakeUserService();
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await producer?.disconnect();
    await users?.stop();
    await database?.drop();
  });

  it('turns an OrderConfirmed event published on Kafka into a SENT notification with a stored email', async () => {
    const topic = unique('order-events');
    apps.push(await startConsumingApp(database, users.url, { topic, groupId: unique('group') }));
    const ada = { id: randomUUID(), email: 'ada.kafka@example.com', name: 'Ada', createdAt: new Date().toISOString() };
    users.add(ada);
    const event = orderConfirmed({ userId: ada.id });

    await publish(topic, event);

    const sent = await eventually('the notification to be SENT', async () => (await notificationsOf(event.payload.orderId)).find((notification) => notification.status === 'SENT'));
    assert.equal(sent.recipient, ada.email);
    assert.equal(await database.db.collection<{ _id: string }>('sent_emails').countDocuments({ _id: sent._id }), 1);
  });

  it('finishes the event in hand when the app shuts down, and only then closes MongoDB: the notification is SENT', async () => {
    const relay = await startFakeSmtpServer();
    relay.answerAfterMs = 1_500;
    try {
      const topic = unique('order-events');
      const app = await startConsumingApp(database, users.url, { topic, groupId: unique('group') }, { SMTP_URL: relay.url });
      const lin = { id: randomUUID(), email: 'lin.kafka@example.com', name: 'Lin', createdAt: new Date().toISOString() };
      users.add(lin);
      const event = orderConfirmed({ userId: lin.id });

      await publish(topic, event);
      await eventually('the relay to have the email', () => relay.received.length === 1);
      // SIGTERM while the relay has not answered yet: the handling must end before MongoDB closes.
      await app.close();

      const [notification] = await notificationsOf(event.payload.orderId);
      assert.equal(notification?.status, 'SENT');
      assert.equal(relay.received.length, 1);
    } finally {
      await relay.stop();
    }
  });

  it('dead-letters an event whose delivery keeps failing, and a replay of it resumes the PENDING notification', async () => {
    const topic = unique('order-events');
    const subscription = { topic, groupId: unique('group'), retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 100 } };
    const grace = { id: randomUUID(), email: 'grace.kafka@example.com', name: 'Grace', createdAt: new Date().toISOString() };
    users.add(grace);
    const event = orderRejected({ userId: grace.id });

    // user-service unreachable: both attempts fail, and the event goes to the dead-letter topic.
    const withoutUserService = await startConsumingApp(database, `127.0.0.1:${await freePort()}`, subscription);
    await publish(topic, event);
    const [deadLetter] = await readUntil(kafka, deadLetterTopicOf(topic), (messages) => messages.length >= 1);
    await withoutUserService.close();
    assert.equal(deadLetter?.headers?.[DEAD_LETTER_HEADERS.reason]?.toString(), 'HANDLER_FAILED');
    assert.equal(deadLetter?.headers?.[DEAD_LETTER_HEADERS.attempts]?.toString(), '2');
    assert.match(deadLetter?.headers?.[DEAD_LETTER_HEADERS.detail]?.toString() ?? '', /NOTIFICATION\.RECIPIENT_LOOKUP_FAILED/);
    const [pending] = await notificationsOf(event.payload.orderId);
    assert.equal(pending?.status, 'PENDING');
    assert.equal(pending?.attempts, 2);

    // user-service back; an operator replays the dead letter onto the topic, and the same group resumes.
    apps.push(await startConsumingApp(database, users.url, subscription));
    await producer.send({ topic, messages: [{ key: deadLetter?.key ?? null, value: deadLetter?.value ?? null }] });

    const sent = await eventually('the replayed notification to be SENT', async () => (await notificationsOf(event.payload.orderId)).find((notification) => notification.status === 'SENT'));
    assert.equal(sent._id, pending?._id);
    assert.equal(sent.attempts, 3);
    assert.equal((await notificationsOf(event.payload.orderId)).length, 1);
  });
});

/** Reads a topic from the beginning until `done` holds. */
async function readUntil(kafka: Kafka, topic: string, done: (messages: KafkaMessage[]) => boolean): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: unique('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    return await eventually(`messages on ${topic}`, () => done(messages) && messages);
  } finally {
    await consumer.disconnect();
  }
}
