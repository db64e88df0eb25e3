// Public API of @shop/contracts: what services agree on over gRPC and over Kafka.
export * from './grpc/grpc-packages';
export { grpcLoaderOptions } from './grpc/grpc-loader-options';
export { GRPC_SERVICES, PROTO_ROOT, grpcOptionsFor, type GrpcServiceContract, type GrpcServiceKey } from './grpc/grpc-services';

export { ALL_TOPICS, Topics, deadLetterTopicOf, isDeadLetterTopic, type Topic } from './messages/topics';
export {
  defineMessage,
  isMessageOf,
  type AnyMessageDefinition,
  type MessageDefinition,
  type MessageEnvelope,
  type MessageOf,
  type PayloadOf,
} from './messages/message-definition';
export { createMessageRegistry, type MessageRegistry } from './messages/message-registry';
export { ALL_MESSAGE_DEFINITIONS, messageRegistry, type KnownMessage, type KnownMessageDefinition } from './messages/all-messages';
export { InvalidMessageError, causedBy, createMessage, type MessageContext } from './messages/create-message';
export { serializeMessage, toKafkaRecord, type KafkaRecord } from './messages/serialize-message';
export { parseMessage, parseMessageWith, type ParseFailureReason, type ParseResult } from './messages/parse-message';
export { SAGA_STEPS, type SagaStep } from './messages/fields/saga.fields';

export * from './messages/inventory/inventory.commands';
export * from './messages/inventory/inventory.replies';
export * from './messages/payment/payment.commands';
export * from './messages/payment/payment.replies';
export * from './messages/payment/payment-tokens';
export * from './messages/order/order.events';
export * from './messages/user/user.events';
export { JWT_AUDIENCE, JWT_ISSUER, revokedTokenKey } from './auth/revoked-token-key';
export { InvalidRequestError, parseRequest } from './grpc/parse-request';
