import { z } from 'zod';
import { identifierSchema } from './identifier.fields.js';

/** The steps of the order saga that a command drives, named the same in commands, replies and GetOrder. */
export const SAGA_STEPS = [
  'RESERVE_STOCK',
  'AUTHORIZE_PAYMENT',
  'COMMIT_RESERVATION',
  'CAPTURE_PAYMENT',
  'VOID_PAYMENT',
  'RELEASE_STOCK',
] as const;

export type SagaStep = (typeof SAGA_STEPS)[number];

/**
 * Fields every saga command and reply carries: the saga and its step (a reply echoes those of its
 * command, so the orchestrator matches it without a lookup) and the order, which is the Kafka key.
 */
export function sagaFields<TStep extends SagaStep>(step: TStep) {
  return {
    sagaId: identifierSchema,
    step: z.literal(step),
    orderId: identifierSchema,
  };
}
