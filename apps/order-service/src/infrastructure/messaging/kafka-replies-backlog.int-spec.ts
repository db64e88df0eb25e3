// The replies backlog on real Kafka: a topic and group of this test's own, three replies waiting.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { KafkaConnection } from '@shop/messaging';
import { eventually } from '@shop/testing';
import { type Admin, type Consumer, Partitioners } from 'kafkajs';
import { KafkaRepliesBacklog } from './kafka-replies-backlog.js';

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');

describe('KafkaRepliesBacklog (real Kafka)', { timeout: 120_000 }, () => {
  const run = randomUUID().slice(0, 8);
  const subscription = { groupId: `test.order-backlog.${run}`, topics: [`test.order-backlog.${run}`] };
  const connection = new KafkaConnection({ clientId: 'order-backlog-test', brokers });
  let admin: Admin;
  let consumer: Consumer | undefined;

  before(async () => {
    admin = connection.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: subscription.topics[0]!, numPartitions: 2 }], waitForLeaders: true });
    const producer = connection.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: subscription.topics[0]!, messages: ['a', 'b', 'c'].map((key) => ({ key, value: key })) });
    await producer.disconnect();
  });
  after(async () => {
    await consumer?.disconnect();
    await admin?.disconnect();
  });

  it('is not consumed while replies that were waiting at start are not, and says it gave up at the bound', async () => {
    const started = Date.now();
    const result = await new KafkaRepliesBacklog(connection, subscription).waitUntilConsumed(1_500, new AbortController().signal);
    assert.equal(result, 'gave-up-waiting');
    assert.ok(Date.now() - started >= 1_400);
  });

  it('is consumed once the group has committed past every reply that was waiting', async () => {
    const backlog = new KafkaRepliesBacklog(connection, subscription);
    const waiting = backlog.waitUntilConsumed(60_000, new AbortController().signal);
    let consumed = 0;
    consumer = connection.kafka.consumer({ groupId: subscription.groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics, fromBeginning: true });
    await consumer.run({ eachMessage: async () => void (consumed += 1) });
    await eventually('the three replies are consumed', () => consumed === 3);
    assert.equal(await waiting, 'consumed');
  });

  it('stops waiting when the service stops', async () => {
    const stop = new AbortController();
    const other = new KafkaRepliesBacklog(connection, { groupId: `${subscription.groupId}-never`, topics: subscription.topics });
    const waiting = other.waitUntilConsumed(60_000, stop.signal);
    setTimeout(() => stop.abort(), 300);
    assert.equal(await waiting, 'gave-up-waiting');
  });
});
