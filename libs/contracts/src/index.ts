// Public API of @shop/contracts: what services agree on over gRPC and over Kafka.
export * from './grpc/grpc-packages.js';
export { grpcLoaderOptions } from './grpc/grpc-loader-options.js';
export { GRPC_SERVICES, PROTO_ROOT, grpcOptionsFor, type GrpcServiceContract, type GrpcServiceKey } from './grpc/grpc-services.js';

export { ALL_TOPICS, Topics, deadLetterTopicOf, isDeadLetterTopic, type Topic } from './messages/topics.js';
export {
  defineMessage,
  isMessageOf,
  type AnyMessageDefinition,
  type MessageDefinition,
  type MessageEnvelope,
  type MessageOf,
  type PayloadOf,
} from './messages/message-definition.js';
export { createMessageRegistry, type MessageRegistry } from './messages/message-registry.js';
export { ALL_MESSAGE_DEFINITIONS, messageRegistry, type KnownMessage, type KnownMessageDefinition } from './messages/all-messages.js';
export { InvalidMessageError, causedBy, createMessage, type MessageContext } from './messages/create-message.js';
export { serializeMessage, toKafkaRecord, type KafkaRecord } from './messages/serialize-message.js';
export { parseMessage, parseMessageWith, type ParseFailureReason, type ParseResult } from './messages/parse-message.js';
export { SAGA_STEPS, type SagaStep } from './messages/fields/saga.fields.js';

export * from './messages/inventory/inventory.commands.js';
export * from './messages/inventory/inventory.replies.js';
export * from './messages/payment/payment.commands.js';
export * from './messages/payment/payment.replies.js';
export * from './messages/payment/payment-tokens.js';
export * from './messages/order/order.events.js';
export * from './messages/user/user.events.js';
export { JWT_AUDIENCE, JWT_ISSUER, revokedTokenKey } from './auth/revoked-token-key.js';
export { InvalidRequestError, parseRequest } from './grpc/parse-request.js';
