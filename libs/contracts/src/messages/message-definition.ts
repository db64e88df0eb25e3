import type { z } from 'zod';
import type { Topic } from './topics.js';

/**
 * What a producer and a consumer agree on for one message type at one version. A breaking change
 * to the payload is a new definition with the next version, registered beside the old one.
 */
export interface MessageDefinition<
  TType extends string = string,
  TVersion extends number = number,
  TPayloadSchema extends z.ZodType = z.ZodType,
> {
  /** Stable name, `<owning service>.<MessageName>`, e.g. `payment.PaymentDeclined`. */
  readonly type: TType;
  readonly version: TVersion;
  readonly topic: Topic;
  readonly payloadSchema: TPayloadSchema;
  /** The Kafka key: the aggregate id, so all messages of one order stay on one partition, in order. */
  keyOf(payload: z.output<TPayloadSchema>): string;
}

export type AnyMessageDefinition = MessageDefinition<string, number, z.ZodType>;

/** The envelope every Kafka message travels in, whatever its type. */
export interface MessageEnvelope<TType extends string = string, TVersion extends number = number, TPayload = unknown> {
  /** UUID; consumers deduplicate on it. */
  messageId: string;
  type: TType;
  version: TVersion;
  /** ISO 8601 / RFC 3339 instant. */
  occurredAt: string;
  /** The business transaction: the order id for the saga and order events, the user id for user events. */
  correlationId: string;
  /** The messageId of the message that caused this one; null for the first of a chain. */
  causationId: string | null;
  /** W3C trace context of the producer, so a trace follows the message across services. */
  traceparent?: string;
  payload: TPayload;
}

export type PayloadOf<TDefinition> =
  TDefinition extends MessageDefinition<string, number, infer TPayloadSchema> ? z.output<TPayloadSchema> : never;

/** The typed envelope of a definition: `MessageOf<typeof PaymentDeclinedReply>`. Distributes over unions. */
export type MessageOf<TDefinition> =
  TDefinition extends MessageDefinition<infer TType, infer TVersion, infer TPayloadSchema>
    ? MessageEnvelope<TType, TVersion, z.output<TPayloadSchema>>
    : never;

/** Declares a message type; `const` keeps the type name and version as literal types. */
export function defineMessage<const TType extends string, const TVersion extends number, TPayloadSchema extends z.ZodType>(
  definition: MessageDefinition<TType, TVersion, TPayloadSchema>,
): MessageDefinition<TType, TVersion, TPayloadSchema> {
  return Object.freeze({ ...definition });
}

/** Narrows a parsed message to one definition, so a handler sees that definition's payload type. */
export function isMessageOf<TDefinition extends AnyMessageDefinition>(
  definition: TDefinition,
  message: MessageEnvelope,
): message is MessageOf<TDefinition> {
  return message.type === definition.type && message.version === definition.version;
}
