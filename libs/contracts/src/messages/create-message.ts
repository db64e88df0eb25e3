import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { describeIssues } from './describe-issues.js';
import { envelopeSchema } from './envelope.schema.js';
import type { AnyMessageDefinition, MessageEnvelope, MessageOf } from './message-definition.js';

export interface MessageContext {
  /** The order id for the saga and order events; the user id for user events. */
  correlationId: string;
  /** The messageId of the message being handled when this one is produced. */
  causationId?: string | null;
  traceparent?: string;
  /** Fixed ids and clocks, for tests and for re-publishing; fresh ones otherwise. */
  messageId?: string;
  occurredAt?: Date;
}

/** Thrown by createMessage: a producer that builds an invalid message has a bug, not a bad input. */
export class InvalidMessageError extends Error {
  readonly code = 'CONTRACTS.INVALID_MESSAGE';
}

/** Builds a validated envelope; throws InvalidMessageError when the payload or context breaks the contract. */
export function createMessage<TDefinition extends AnyMessageDefinition>(
  definition: TDefinition,
  payload: z.input<TDefinition['payloadSchema']>,
  context: MessageContext,
): MessageOf<TDefinition> {
  const checkedPayload = definition.payloadSchema.safeParse(payload);
  if (!checkedPayload.success) {
    throw new InvalidMessageError(`${describe(definition)}: ${describeIssues(checkedPayload.error.issues, 'payload')}`);
  }
  const envelope = envelopeSchema.safeParse({
    messageId: context.messageId ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    ...(context.traceparent === undefined ? {} : { traceparent: context.traceparent }),
    payload: checkedPayload.data,
  });
  if (!envelope.success) {
    throw new InvalidMessageError(`${describe(definition)}: ${describeIssues(envelope.error.issues, 'envelope')}`);
  }
  return envelope.data as MessageOf<TDefinition>;
}

/** The context of a message produced while handling `cause`: same correlation and trace, caused by it. */
export function causedBy(cause: MessageEnvelope): MessageContext {
  return {
    correlationId: cause.correlationId,
    causationId: cause.messageId,
    ...(cause.traceparent === undefined ? {} : { traceparent: cause.traceparent }),
  };
}

function describe(definition: AnyMessageDefinition): string {
  return `invalid ${definition.type} v${definition.version}`;
}
