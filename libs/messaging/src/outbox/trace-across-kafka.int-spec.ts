import { finishedSpans } from '../testing/test-telemetry.js';
import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { CorrelationContext } from '@shop/observability';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@shop/testing';
import { MessageConsumer } from '../consumer/message-consumer.js';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { createTopic, ping, pingDefinition, pingParser, quietLogger, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

type Ping = ReturnType<typeof ping>;

describe('one trace across the outbox and Kafka (in-memory span exporter)', () => {
  const kafka = testKafka();
  const topic = uniqueName('traced');
  let database: MessagingDatabase;
  let relay: OutboxRelay;
  let consumer: MessageConsumer<Ping>;
  const handlerSpans = new Map<number, SpanContext | undefined>();
  const handlerCorrelation = new Map<number, string | undefined>();
  let rootSpan: SpanContext;

  before(async () => {
    database = await createMessagingDatabase('trace');
    await createTopic(kafka, topic, 1);
    relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 20, logger: quietLogger });
    consumer = new MessageConsumer<Ping>(kafka, {
      groupId: uniqueName('traced-group'),
      topics: [topic],
      parse: pingParser(topic),
      handle: async (message) => {
        handlerSpans.set(message.payload.sequence, trace.getActiveSpan()?.spanContext());
        handlerCorrelation.set(message.payload.sequence, CorrelationContext.current());
      },
      logger: quietLogger,
    });
    await Promise.all([relay.start(), consumer.start()]);
    // The work that writes the row: a request handler in a service, here a span of the test's own.
    await trace.getTracer('messaging-spec').startActiveSpan('place order', { kind: SpanKind.SERVER }, async (span) => {
      rootSpan = span.spanContext();
      await database.transaction((tx) => new OutboxWriter().add(tx, pingDefinition(topic), ping(topic, 'order-9', 1)));
      span.end();
    });
    await eventually('the consumer handled the message', () => handlerSpans.has(1));
    // The consumer span ends after the handler, once the offset is committed.
    await eventually('the consumer span has ended', () => finishedSpans.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER && span.name.includes(topic)));
  });

  after(async () => {
    await Promise.all([relay.stop(), consumer.stop()]);
    await database.drop();
  });

  it('continues a trace that is not recorded (most, with sampling) and its correlation id, sending untraced', async () => {
    const unsampled = { traceId: '5bf92f3577b34da6a3ce929d0e0e4736', spanId: '10f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true };
    await context.with(trace.setSpanContext(ROOT_CONTEXT, unsampled), () =>
      CorrelationContext.run('ord-unsampled', () => database.transaction((tx) => new OutboxWriter().add(tx, pingDefinition(topic), ping(topic, 'order-10', 2)))),
    );
    await eventually('the consumer handled the second message', () => handlerSpans.has(2));
    assert.equal(handlerSpans.get(2)?.traceId, unsampled.traceId, 'the consumer continues the trace of the writer');
    assert.equal(handlerSpans.get(2)?.traceFlags, TraceFlags.NONE, 'still not recorded');
    assert.equal(handlerCorrelation.get(2), 'ord-unsampled', 'the correlation id (baggage) came along');
    const recorded = finishedSpans.getFinishedSpans().filter((span) => span.spanContext().traceId === unsampled.traceId);
    assert.deepEqual(recorded.map((span) => span.name), [], 'no span of that trace was recorded');
  });

  it('links the writer, the producer span, the Kafka hop and the consumer span in the trace of the writer', () => {
    const spans = finishedSpans.getFinishedSpans().filter((span) => span.spanContext().traceId === rootSpan.traceId);
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER && span.name === `send ${topic}`);
    const consumerSpan = spans.find((span) => span.kind === SpanKind.CONSUMER && span.name.includes(topic));
    assert.ok(producer, `a producer span in the writer's trace; spans: ${spans.map((span) => span.name).join(', ')}`);
    assert.ok(consumerSpan, `a consumer span in the writer's trace; spans: ${spans.map((span) => span.name).join(', ')}`);
    assert.equal(producer.parentSpanContext?.spanId, rootSpan.spanId, 'the relay published as a child of the span that wrote the row');
    assert.equal(consumerSpan.parentSpanContext?.spanId, producer.spanContext().spanId, 'the consumer span continues the producer span across Kafka');
    assert.equal(handlerSpans.get(1)?.spanId, consumerSpan.spanContext().spanId, 'the handler runs inside the consumer span');
  });
});
