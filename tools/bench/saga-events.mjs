// The end of each saga, seen the way the notification service sees it: the order service's
// outcome events on order.events.v1, read by a consumer group of the benchmark's own (started
// before the load, removed afterwards). No polling of the API, which would add its own load.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@shop/contracts';
import { kafkaBrokers } from '../../libs/topology/src/topology.mjs';

const OUTCOMES = {
  'order.OrderConfirmed': 'CONFIRMED',
  'order.OrderRejected': 'REJECTED',
  'order.OrderCancelled': 'CANCELLED',
};

/**
 * The order and the outcome an order.events.v1 message announces (`CONFIRMED`, or `REJECTED` /
 * `CANCELLED` with the reason in parentheses); undefined for any other message.
 */
export function outcomeOf(value) {
  let envelope;
  try {
    envelope = JSON.parse(value);
  } catch {
    return undefined;
  }
  const outcome = OUTCOMES[envelope?.type];
  const orderId = envelope?.payload?.orderId;
  if (!outcome || typeof orderId !== 'string') return undefined;
  const reason = envelope.payload.reason;
  return { orderId, outcome: reason ? `${outcome} (${reason})` : outcome };
}

/**
 * Starts reading order.events.v1 from its current end. `endOf(orderId)` is `{ outcome, at }`
 * (at: performance.now() when the event arrived) once that order's saga ended.
 */
export async function watchSagaEnds() {
  const topic = Topics.orderEvents;
  const kafka = new Kafka({ clientId: 'bench-order-flow', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const groupId = `bench.order-flow.${Date.now()}.${process.pid}`;
  const admin = kafka.admin();
  await admin.connect().catch((error) => {
    throw new Error(`Kafka does not answer on ${kafkaBrokers} (${error.message}): start the stack with \`npm run stack:up\``, { cause: error });
  });
  // Where the topic ends now: the consumer starts exactly there, however long joining takes.
  const ends = await admin.fetchTopicOffsets(topic).catch(() => []);

  const endings = new Map();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, sessionTimeout: 30_000 });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: ends.length === 0 });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const ending = message.value && outcomeOf(message.value.toString());
      if (ending && !endings.has(ending.orderId)) endings.set(ending.orderId, { outcome: ending.outcome, at });
    },
  });
  for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
  await Promise.race([joined, sleep(30_000).then(() => Promise.reject(new Error(`the consumer of ${topic} did not join its group within 30 s`)))]);

  return {
    endOf: (orderId) => endings.get(orderId),
    /** Resolves once every order of `orderIds` ended, or at `deadline` (performance.now() time). */
    async waitForEnds(orderIds, deadline, onProgress) {
      let lastProgress = performance.now();
      for (;;) {
        const open = orderIds.filter((orderId) => !endings.has(orderId)).length;
        if (open === 0 || performance.now() >= deadline) return open;
        if (onProgress && performance.now() - lastProgress >= 5000) {
          lastProgress = performance.now();
          onProgress(open);
        }
        await sleep(50);
      }
    },
    async stop() {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
