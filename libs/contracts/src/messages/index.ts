// @shop/contracts/messages: what services agree on over Kafka, free of Nest and gRPC, so that
// domain code can import it. The package's root entry re-exports it next to the gRPC contracts.
export { ALL_TOPICS, Topics, deadLetterTopicOf, isDeadLetterTopic, type Topic } from './topics.js';
export {
  defineMessage,
  isMessageOf,
  type AnyMessageDefinition,
  type MessageDefinition,
  type MessageEnvelope,
  type MessageOf,
  type PayloadOf,
} from './message-definition.js';
export { createMessageRegistry, type MessageRegistry } from './message-registry.js';
export { ALL_MESSAGE_DEFINITIONS, messageRegistry, type KnownMessage, type KnownMessageDefinition } from './all-messages.js';
export { InvalidMessageError, causedBy, createMessage, type MessageContext } from './create-message.js';
export { serializeMessage, toKafkaRecord, type KafkaRecord } from './serialize-message.js';
export { parseMessage, parseMessageWith, type ParseFailureReason, type ParseResult } from './parse-message.js';
export { SAGA_STEPS, type SagaStep } from './fields/saga.fields.js';

export * from './inventory/inventory.commands.js';
export * from './inventory/inventory.replies.js';
export * from './payment/payment.commands.js';
export * from './payment/payment.replies.js';
export * from './payment/payment-tokens.js';
export * from './order/order.events.js';
export * from './user/user.events.js';
// (npx nx g @shop/tooling:service adds new exports above this line)
