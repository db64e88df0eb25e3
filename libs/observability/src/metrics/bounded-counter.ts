import { metrics, type Attributes, type Counter, type MeterProvider } from '@opentelemetry/api';

/** Label name to the closed list of values it may take. */
export type LabelSpec = Readonly<Record<string, readonly string[]>>;
export type LabelValues<Spec extends LabelSpec> = { readonly [Name in keyof Spec]: Spec[Name][number] };

/** What a label becomes when code passes a value outside its list (only possible past the type checker). */
export const OTHER_LABEL_VALUE = 'other';

export interface BoundedCounter<Spec extends LabelSpec> {
  add(labels: LabelValues<Spec>, increment?: number): void;
}

const METRIC_NAME = /^[a-z][a-z0-9_.]*$/;

/**
 * A business counter whose labels can only take the values declared with it, so a label can never
 * explode into one series per order id or error message. Declared values are checked by the
 * compiler; anything else that slips through at run time is counted as `other`.
 *
 *   const orders = defineCounter('orders', { outcome: ['CONFIRMED', 'REJECTED', 'CANCELLED'] });
 *   orders.add({ outcome: 'CONFIRMED' });   // Prometheus: orders_total{outcome="CONFIRMED"}
 */
export function defineCounter<const Spec extends LabelSpec>(name: string, labels: Spec, description = ''): BoundedCounter<Spec> {
  if (!METRIC_NAME.test(name)) throw new Error(`metric name "${name}" must be lower case letters, digits, _ and .`);
  let counter: Counter | undefined;
  let createdBy: MeterProvider | undefined;
  return {
    add(values, increment = 1) {
      // Created on first use, and again if telemetry started since: a counter made before the SDK
      // registered its meter provider would stay a no-op for good.
      const provider = metrics.getMeterProvider();
      if (!counter || createdBy !== provider) {
        counter = provider.getMeter('@shop/business').createCounter(name, { description });
        createdBy = provider;
      }
      counter.add(increment, boundedAttributes(labels, values));
    },
  };
}

function boundedAttributes(spec: LabelSpec, values: Readonly<Record<string, unknown>>): Attributes {
  const attributes: Attributes = {};
  for (const [label, allowed] of Object.entries(spec)) {
    const value = values[label];
    attributes[label] = typeof value === 'string' && allowed.includes(value) ? value : OTHER_LABEL_VALUE;
  }
  return attributes;
}
