import type { AnyMessageDefinition, MessageOf } from './message-definition.js';
import type { Topic } from './topics.js';

export function serializeMessage(message: MessageOf<AnyMessageDefinition>): string {
  return JSON.stringify(message);
}

export interface KafkaRecord {
  topic: Topic;
  key: string;
  value: string;
}

/** Where and how a message is produced: its definition's topic, its aggregate id as the key. */
export function toKafkaRecord<TDefinition extends AnyMessageDefinition>(
  definition: TDefinition,
  message: MessageOf<TDefinition>,
): KafkaRecord {
  return { topic: definition.topic, key: definition.keyOf(message.payload), value: serializeMessage(message) };
}
