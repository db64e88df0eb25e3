// One record of a `<topic>.dlt` topic, read the way MessageConsumer wrote it (DEAD_LETTER_HEADERS:
// why, after how many attempts, where it came from, beside the original key, value and headers),
// and the record a replay sends back to the original topic.
import { DEAD_LETTER_HEADERS } from '@shop/messaging';

/** What a replay adds to the message's headers; a message replayed again gets fresh values. */
export const REPLAY_HEADERS = Object.freeze({
  replayedAt: 'x-replayed-at',
  /** `<dead-letter topic>:<partition>:<offset>`: the dead letter this message was sent back from. */
  replayedFrom: 'x-replayed-from',
  /** 1 for the first replay; a message dead-lettered again after a replay carries its count, and its next replay adds one. */
  replayCount: 'x-replay-count',
});

const DEAD_LETTERING_HEADER_NAMES = new Set(Object.values(DEAD_LETTER_HEADERS));

export function headerText(value) {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** A dead letter from a kafkajs message of `deadLetterTopic`. */
export function readDeadLetter(deadLetterTopic, partition, message) {
  const headers = message.headers ?? {};
  const header = (name) => headerText(headers[name]);
  const text = message.value === null ? null : message.value.toString('utf8');
  const envelope = envelopeOf(text);
  const originalPartition = header(DEAD_LETTER_HEADERS.originalPartition);
  return {
    deadLetterTopic,
    partition,
    offset: message.offset,
    address: `${partition}:${message.offset}`,
    deadLetteredAt: new Date(Number(message.timestamp)),
    reason: header(DEAD_LETTER_HEADERS.reason) ?? 'UNKNOWN',
    detail: header(DEAD_LETTER_HEADERS.detail) ?? '',
    attempts: Number(header(DEAD_LETTER_HEADERS.attempts) ?? 0),
    originalTopic: header(DEAD_LETTER_HEADERS.originalTopic) ?? deadLetterTopic.replace(/\.dlt$/, ''),
    originalPartition: originalPartition === undefined ? undefined : Number(originalPartition),
    originalOffset: header(DEAD_LETTER_HEADERS.originalOffset),
    consumerGroup: header(DEAD_LETTER_HEADERS.consumerGroup),
    replayCount: Number(header(REPLAY_HEADERS.replayCount) ?? 0),
    key: message.key,
    value: message.value,
    headers,
    text,
    envelope,
    messageId: typeof envelope?.messageId === 'string' ? envelope.messageId.toLowerCase() : undefined,
    type: typeof envelope?.type === 'string' ? `${envelope.type} v${envelope.version}` : undefined,
  };
}

/** The value as an object when it is one (the envelope), whatever its contract says of it. */
function envelopeOf(text) {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The record a replay sends: the original key and value byte for byte (so the envelope, and its
 * messageId that the consumers' inbox deduplicates on, are unchanged), the original headers
 * without what the dead-lettering added, and where, when and how many times it was replayed.
 * It goes back to the partition it came from (Kafka never removes partitions).
 */
export function toReplayRecord(deadLetter, replayedAt) {
  const headers = Object.fromEntries(Object.entries(deadLetter.headers).filter(([name]) => !DEAD_LETTERING_HEADER_NAMES.has(name)));
  headers[REPLAY_HEADERS.replayedAt] = replayedAt.toISOString();
  headers[REPLAY_HEADERS.replayedFrom] = `${deadLetter.deadLetterTopic}:${deadLetter.address}`;
  headers[REPLAY_HEADERS.replayCount] = String(deadLetter.replayCount + 1);
  const partition = deadLetter.originalPartition;
  return { key: deadLetter.key, value: deadLetter.value, headers, ...(Number.isInteger(partition) ? { partition } : {}) };
}
