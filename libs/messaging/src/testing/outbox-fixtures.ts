// What the outbox tests read back from Kafka (the pings of kafka-fixtures) and check of it.
import assert from 'node:assert/strict';
import type { KafkaMessage } from 'kafkajs';

/** A ping as it reached Kafka. */
export interface Sent {
  messageId: string;
  aggregateId: string;
  sequence: number;
}

export function readPing(message: KafkaMessage): Sent {
  const envelope = JSON.parse(message.value!.toString()) as { messageId: string; payload: { aggregateId: string; sequence: number } };
  return { messageId: envelope.messageId, ...envelope.payload };
}

/** Each key's messages, by first appearance, must come in the order they were written. */
export function assertOrderedPerKey(received: Sent[]): void {
  const seen = new Map<string, number>();
  const firstTime = new Set<string>();
  for (const message of received) {
    if (firstTime.has(message.messageId)) continue;
    firstTime.add(message.messageId);
    const previous = seen.get(message.aggregateId) ?? -1;
    assert.ok(message.sequence > previous, `${message.aggregateId}: sequence ${message.sequence} arrived after ${previous}`);
    seen.set(message.aggregateId, message.sequence);
  }
}
