// Every Kafka topic of the system, in one place. The `.v1` suffix versions the topic layout (its
// key and partitioning), not the messages: message versions travel in each envelope.
export const Topics = {
  /** Saga commands for the inventory service: reserve, commit, release. */
  inventoryCommands: 'inventory.commands.v1',
  /** Saga commands for the payment service: authorize, capture, void. */
  paymentCommands: 'payment.commands.v1',
  /** Every reply to a saga command, read by the order service's orchestrator. */
  orderSagaReplies: 'order.saga-replies.v1',
  /** Order outcomes (confirmed, rejected, cancelled), read by the notification service. */
  orderEvents: 'order.events.v1',
  /** User lifecycle events. */
  userEvents: 'user.events.v1',
  // (npx nx g @shop/tooling:service adds new topics above this line)
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

const DEAD_LETTER_SUFFIX = '.dlt';

/**
 * Where a consumer parks a message it cannot process (unknown type or version, invalid payload),
 * so one bad message never blocks its partition: `<topic>.dlt`.
 */
export function deadLetterTopicOf(topic: string): string {
  if (isDeadLetterTopic(topic)) throw new Error(`${topic} is already a dead-letter topic`);
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}
