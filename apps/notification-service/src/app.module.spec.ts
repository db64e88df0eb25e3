import { Test } from '@nestjs/testing';
import { ServiceConfigModule } from '@shop/bootstrap';
import { Topics } from '@shop/contracts';
import { MessageConsumers } from '@shop/messaging';
import { MongoClient } from 'mongodb';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppModule } from './app.module.js';
import { EmailSender } from './application/ports/email-sender.js';
import { configSchema } from './config.js';
import { SmtpEmailSender } from './infrastructure/mail/smtp.email-sender.js';
import { StoredJsonEmailSender } from './infrastructure/mail/stored-json.email-sender.js';
import { ORDER_EVENTS_SUBSCRIPTION, OrderEventsConsumer } from './interface/messaging/order-events.consumer.js';

// Resolving the providers connects to nothing (the Mongo and Kafka clients connect on first use,
// the consumer only at bootstrap), so the wiring is checked without infrastructure.
async function compile(environment: Record<string, string> = {}) {
  const config = configSchema.parse({ MONGO_URL: 'mongodb://127.0.0.1:1/wiring', KAFKA_BROKERS: '127.0.0.1:1', USER_GRPC_URL: '127.0.0.1:1', ...environment });
  return Test.createTestingModule({ imports: [ServiceConfigModule.forRoot(config), AppModule] }).compile();
}

describe('AppModule', () => {
  it('wires the order events consumer to the notification-service group on order.events.v1', async () => {
    const app = await compile();
    try {
      assert.ok(app.get(OrderEventsConsumer));
      assert.deepEqual(app.get(ORDER_EVENTS_SUBSCRIPTION), {
        groupId: 'notification-service',
        topic: Topics.orderEvents,
        // Long enough to outlast a user-service restart and its breaker's open time: an outage is retried, not dead-lettered.
        retry: { maxAttempts: 12, initialDelayMs: 1_000, maxDelayMs: 10_000 },
      });
    } finally {
      await app.close();
    }
  });

  it('delivers through the stored JSON transport without SMTP_URL, and through SMTP with it', async () => {
    const withoutSmtp = await compile();
    const withSmtp = await compile({ SMTP_URL: 'smtp://127.0.0.1:2525' });
    try {
      assert.ok(withoutSmtp.get(EmailSender) instanceof StoredJsonEmailSender);
      assert.ok(withSmtp.get(EmailSender) instanceof SmtpEmailSender);
    } finally {
      await withoutSmtp.close();
      await withSmtp.close();
    }
  });

  it('stops the consumers, the message in hand included, before it closes the MongoDB client', async (t) => {
    const app = await compile();
    const shutdown: string[] = [];
    const consumers = app.get(MessageConsumers);
    const stopConsumers = consumers.onModuleDestroy.bind(consumers);
    t.mock.method(consumers, 'onModuleDestroy', async () => {
      await sleep(20); // a message still being handled
      await stopConsumers();
      shutdown.push('consumers stopped');
    });
    t.mock.method(MongoClient.prototype, 'close', async () => void shutdown.push('MongoDB closed'));

    await app.close();

    assert.deepEqual(shutdown, ['consumers stopped', 'MongoDB closed']);
  });
});
