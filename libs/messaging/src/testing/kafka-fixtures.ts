// Unique topics on the native stack's Kafka and a reader that collects what reached a topic.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { z } from 'zod';
import { createMessage, createMessageRegistry, defineMessage, parseMessageWith, type Topic } from '@shop/contracts';

export const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');

export function testKafka(clientId = 'messaging-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

/** A logger for a relay or a consumer under test: its error lines are the test's expectations, not noise. */
export const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export function uniqueName(label: string): string {
  return `test.${label}.${randomBytes(4).toString('hex')}`;
}

export async function createTopic(kafka: Kafka, topic: string, numPartitions = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** A test message type on a topic of the test's own: `{ aggregateId, sequence }`. */
export function pingDefinition(topic: string) {
  return defineMessage({
    type: 'test.Ping',
    version: 1,
    topic: topic as Topic,
    payloadSchema: z.object({ aggregateId: z.string(), sequence: z.int().nonnegative(), poison: z.boolean().default(false) }),
    keyOf: (payload) => payload.aggregateId,
  });
}

export function ping(topic: string, aggregateId: string, sequence: number, poison = false) {
  return createMessage(pingDefinition(topic), { aggregateId, sequence, poison }, { correlationId: aggregateId, messageId: randomUUID() });
}

export function pingParser(topic: string) {
  const registry = createMessageRegistry([pingDefinition(topic)]);
  return (raw: Buffer | null, onTopic: string) => parseMessageWith(registry, raw, onTopic);
}

/** Reads a topic from the beginning until `done(messages)` holds or the wait runs out. */
export async function readTopic(kafka: Kafka, topic: string, done: (messages: KafkaMessage[]) => boolean, timeoutMs = 60_000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  const deadline = Date.now() + timeoutMs;
  while (!done(messages) && Date.now() < deadline) await sleep(100);
  await consumer.disconnect();
  return messages;
}
