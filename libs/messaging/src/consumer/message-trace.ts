import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, type TextMapGetter, trace } from '@opentelemetry/api';
import type { IHeaders, KafkaMessage } from 'kafkajs';

const tracer = trace.getTracer('@shop/messaging');

/** Kafka headers as the W3C propagator reads them (values arrive as Buffers). */
const HEADER_GETTER: TextMapGetter<IHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => {
    const value = headers[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

/**
 * Runs `work` in a `process <topic>` span of the message's own, a child of its producer's span. In
 * batch mode (eachBatch) the kafkajs instrumentation only links each message to a batch span that
 * starts a trace of its own, which would cut every saga's trace at each consumer.
 */
export function runInMessageTrace<T>(topic: string, message: KafkaMessage, work: () => Promise<T>): Promise<T> {
  const producer = propagation.extract(ROOT_CONTEXT, message.headers ?? {}, HEADER_GETTER);
  const span = tracer.startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process', 'messaging.kafka.offset': message.offset },
    },
    producer,
  );
  return context.with(trace.setSpan(producer, span), async () => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
