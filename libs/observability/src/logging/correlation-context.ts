import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Baggage key that carries the correlation id to the next service (HTTP, gRPC, Kafka headers). */
const BAGGAGE_KEY = 'correlation_id';
/** Ids we accept: UUIDs, order ids, anything a client can reasonably send; never free text. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<string>();

/** The value as a correlation id, or undefined when it is missing or not shaped like one. */
export function validCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : undefined;
}

/**
 * The business key a unit of work belongs to (an order id once the order exists), which every log
 * line carries as `correlationId`. Kept in AsyncLocalStorage for this process, and in W3C baggage
 * of the active OpenTelemetry context, so instrumented clients carry it to the next service with
 * the trace context and `current()` finds it there.
 */
export const CorrelationContext = {
  run<T>(correlationId: string, work: () => T): T {
    const id = validCorrelationId(correlationId);
    if (!id) throw new Error('a correlation id is 1 to 128 letters, digits or ._:- characters');
    const baggage = (propagation.getBaggage(context.active()) ?? propagation.createBaggage()).setEntry(BAGGAGE_KEY, { value: id });
    return storage.run(id, () => context.with(propagation.setBaggage(context.active(), baggage), work));
  },

  current(): string | undefined {
    return storage.getStore() ?? validCorrelationId(propagation.getBaggage(context.active())?.getEntry(BAGGAGE_KEY)?.value);
  },
};
