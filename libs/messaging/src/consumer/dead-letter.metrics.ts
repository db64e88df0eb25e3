import { ALL_TOPICS, type Topic } from '@shop/contracts';
import { defineCounter, OTHER_LABEL_VALUE } from '@shop/observability';
import { DEAD_LETTER_REASONS, type DeadLetterReason } from './dead-letter.js';

export const DEAD_LETTERS_METRIC = 'messaging_dead_letters';

/**
 * `messaging_dead_letters_total{topic, reason}`: messages a consumer sent to `<topic>.dlt`, counted
 * once each, when the dead-letter record was written. Both labels are closed lists: the system's
 * topics (any other, e.g. a test's, is `other`) and the dead-letter reasons.
 */
const deadLettersCounter = defineCounter(
  DEAD_LETTERS_METRIC,
  { topic: [...ALL_TOPICS, OTHER_LABEL_VALUE], reason: DEAD_LETTER_REASONS },
  'Messages dead-lettered by consumers, by original topic and reason.',
);

export function countDeadLetter(topic: string, reason: DeadLetterReason): void {
  deadLettersCounter.add({ topic: topicLabel(topic), reason });
}

function topicLabel(topic: string): Topic | typeof OTHER_LABEL_VALUE {
  return ALL_TOPICS.find((known) => known === topic) ?? OTHER_LABEL_VALUE;
}
