import type { ParseFailureReason } from '@shop/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * Why a message is dead-lettered: the contract's parse failures, or its handler gave up. A closed
 * list, so it can label a metric; the consumer passes every ParseFailureReason here, so a reason
 * added to the contract without being added here does not compile.
 */
export const DEAD_LETTER_REASONS = [
  'MALFORMED_JSON',
  'INVALID_ENVELOPE',
  'UNKNOWN_TYPE',
  'UNSUPPORTED_VERSION',
  'INVALID_PAYLOAD',
  'HANDLER_FAILED',
] as const satisfies ReadonlyArray<ParseFailureReason | 'HANDLER_FAILED'>;

export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export const DEAD_LETTER_HEADERS = {
  reason: 'x-dead-letter-reason',
  detail: 'x-dead-letter-detail',
  attempts: 'x-dead-letter-attempts',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
} as const;

export interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  /** Handler attempts made; 0 when the message was refused before any. */
  attempts: number;
  topic: string;
  partition: number;
  consumerGroup: string;
  message: KafkaMessage;
}

/**
 * The dead-letter record keeps the original key, value and headers untouched (so it can be
 * replayed as it was) and adds why, how many attempts, and where it came from.
 */
export function toDeadLetterMessage(deadLetter: DeadLetter): Message {
  const { message } = deadLetter;
  const headers: IHeaders = { ...(message.headers ?? {}) };
  headers[DEAD_LETTER_HEADERS.reason] = deadLetter.reason;
  headers[DEAD_LETTER_HEADERS.detail] = deadLetter.detail.slice(0, 2000);
  headers[DEAD_LETTER_HEADERS.attempts] = String(deadLetter.attempts);
  headers[DEAD_LETTER_HEADERS.originalTopic] = deadLetter.topic;
  headers[DEAD_LETTER_HEADERS.originalPartition] = String(deadLetter.partition);
  headers[DEAD_LETTER_HEADERS.originalOffset] = message.offset;
  headers[DEAD_LETTER_HEADERS.consumerGroup] = deadLetter.consumerGroup;
  return { key: message.key, value: message.value, headers };
}
