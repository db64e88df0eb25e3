import '../testing/test-telemetry.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topics } from '@shop/contracts';
import { activeTelemetry } from '@shop/observability/telemetry';
import type { EachMessagePayload, Kafka, Message } from 'kafkajs';
import { DEAD_LETTERS_METRIC } from './dead-letter.metrics.js';
import { MessageConsumer } from './message-consumer.js';
import { NonRetryableMessageError } from './non-retryable-message.error.js';
import { quietLogger } from '../testing/kafka-fixtures.js';

/** Just enough of kafkajs for MessageConsumer to process a message: records what reaches a dead-letter topic. */
function fakeKafka(options: { deadLetterSendFails?: boolean } = {}) {
  const sent: Array<{ topic: string; messages: Message[] }> = [];
  const kafka = {
    consumer: () => ({ commitOffsets: async () => undefined }),
    admin: () => ({}),
    producer: () => ({
      send: async (record: { topic: string; messages: Message[] }) => {
        if (options.deadLetterSendFails) throw new Error('broker unavailable');
        sent.push(record);
      },
    }),
  } as unknown as Kafka;
  return { kafka, sent };
}

function consumerOn(kafka: Kafka, handle: () => Promise<void>) {
  const consumer = new MessageConsumer<unknown>(kafka, {
    groupId: 'spec-group',
    topics: [],
    parse: (raw) => (raw?.toString() === 'not json' ? { ok: false, reason: 'MALFORMED_JSON', detail: 'not JSON' } : { ok: true, message: {}, definition: undefined }),
    retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0 },
    handle,
    logger: quietLogger,
  });
  // The per-message step kafkajs calls; private, reached here to test it without a broker.
  return (topic: string, value: string) =>
    consumer['process']({
      topic,
      partition: 0,
      message: { key: Buffer.from('order-1'), value: Buffer.from(value), headers: {}, offset: '7', timestamp: '0', attributes: 0 },
      heartbeat: async () => undefined,
    } as unknown as EachMessagePayload);
}

/** The counter's current value per `topic|reason`, as the next scrape would read it. */
async function deadLetterCounts(): Promise<Record<string, number>> {
  const { resourceMetrics } = await activeTelemetry()!.prometheus!.collect();
  const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === DEAD_LETTERS_METRIC);
  return Object.fromEntries((metric?.dataPoints ?? []).map((point) => [`${point.attributes['topic']}|${point.attributes['reason']}`, point.value as number]));
}

describe('dead letters metric', () => {
  it('counts each dead-lettered message once, by its topic and reason', async () => {
    const { kafka, sent } = fakeKafka();
    const failing = consumerOn(kafka, async () => {
      throw new Error('database unavailable');
    });
    const before = await deadLetterCounts();

    await failing(Topics.paymentCommands, '{}');
    await failing(Topics.paymentCommands, '{}');
    await failing(Topics.orderEvents, 'not json');

    assert.equal(sent.length, 3);
    const after = await deadLetterCounts();
    const increase = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    assert.equal(increase('payment.commands.v1|HANDLER_FAILED'), 2);
    assert.equal(increase('order.events.v1|MALFORMED_JSON'), 1);
  });

  it('labels a topic outside the system\'s list as "other", never by its name', async () => {
    const { kafka } = fakeKafka();
    const refusing = consumerOn(kafka, async () => {
      throw new NonRetryableMessageError('order already closed');
    });
    await refusing('test.some-topic.1234', '{}');
    const counts = await deadLetterCounts();
    assert.ok((counts['other|HANDLER_FAILED'] ?? 0) >= 1, JSON.stringify(counts));
    assert.equal(Object.keys(counts).some((key) => key.includes('test.some-topic')), false);
  });

  it('counts nothing for a handled message, nor for a dead letter that could not be written', async () => {
    const handled = consumerOn(fakeKafka().kafka, async () => undefined);
    const unwritable = consumerOn(fakeKafka({ deadLetterSendFails: true }).kafka, async () => undefined);
    const before = await deadLetterCounts();

    await handled(Topics.inventoryCommands, '{}');
    // kafkajs redelivers a message whose processing threw: it is counted when its record is written.
    await assert.rejects(unwritable(Topics.inventoryCommands, 'not json'), /broker unavailable/);

    assert.deepEqual(await deadLetterCounts(), before);
  });
});
