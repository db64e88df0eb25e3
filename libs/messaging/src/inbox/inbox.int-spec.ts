import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import { eventually } from '@shop/testing';
import { MessageConsumer } from '../consumer/message-consumer.js';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { createTopic, ping, pingParser, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { Inbox } from './inbox.js';

type Ping = ReturnType<typeof ping>;
const inbox = new Inbox();

async function produceTwice(kafka: Kafka, topic: string, message: Ping): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  const record = { key: message.payload.aggregateId, value: JSON.stringify(message) };
  // The same message twice, as a producer retry or an outbox relay crash would deliver it.
  await producer.send({ topic, messages: [record] });
  await producer.send({ topic, messages: [record] });
  await producer.disconnect();
}

describe('idempotent consumer with the inbox (real PostgreSQL and Kafka)', () => {
  let database: MessagingDatabase;

  before(async () => {
    database = await createMessagingDatabase('inbox');
    await database.pool.query('CREATE TABLE balances (account text PRIMARY KEY, cents int NOT NULL)');
    await database.pool.query("INSERT INTO balances VALUES ('acct-1', 0)");
  });

  after(async () => {
    await database.drop();
  });

  it('changes state once for a message delivered twice', async () => {
    const kafka = testKafka();
    const topic = uniqueName('inbox');
    const groupId = uniqueName('inbox-group');
    await createTopic(kafka, topic, 1);
    let deliveries = 0;
    const consumer = new MessageConsumer<Ping>(kafka, {
      groupId,
      topics: [topic],
      parse: pingParser(topic),
      handle: async (message) => {
        deliveries += 1;
        await database.transaction(async (tx, client) => {
          if (!(await inbox.claim(tx, groupId, message.messageId))) return;
          await client.query("UPDATE balances SET cents = cents + 500 WHERE account = 'acct-1'");
        });
      },
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await consumer.start();
    try {
      await produceTwice(kafka, topic, ping(topic, 'acct-1', 1));
      await eventually('both deliveries are handled', () => deliveries === 2);
    } finally {
      await consumer.stop();
    }
    const { rows } = await database.pool.query<{ cents: number }>("SELECT cents FROM balances WHERE account = 'acct-1'");
    assert.equal(deliveries, 2);
    assert.equal(rows[0]!.cents, 500);
  });

  it('lets exactly one of two concurrent transactions claim a message', async () => {
    const message = ping('test.inbox.concurrent', 'acct-2', 1);
    const claims = await Promise.all([1, 2].map(() => database.transaction((tx) => inbox.claim(tx, 'concurrent-group', message.messageId))));
    assert.deepEqual(claims.sort(), [false, true]);
  });

  it('forgets a claim whose transaction rolled back, so the redelivery is handled', async () => {
    const message = ping('test.inbox.rollback', 'acct-3', 1);
    await assert.rejects(
      database.transaction(async (tx) => {
        assert.equal(await inbox.claim(tx, 'rollback-group', message.messageId), true);
        throw new Error('the effect failed');
      }),
    );
    assert.equal(await database.transaction((tx) => inbox.claim(tx, 'rollback-group', message.messageId)), true);
  });

  it('keeps claims of different consumer groups apart', async () => {
    const message = ping('test.inbox.groups', 'acct-4', 1);
    assert.equal(await database.transaction((tx) => inbox.claim(tx, 'group-a', message.messageId)), true);
    assert.equal(await database.transaction((tx) => inbox.claim(tx, 'group-b', message.messageId)), true);
  });
});
