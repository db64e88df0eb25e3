// Reads dead-letter topics from their first record up to their end as it was when the read began
// (a dead letter written meanwhile waits for the next run). kafkajs reads only through a consumer
// group: a throw-away one that commits nothing and is deleted afterwards.
import { randomBytes } from 'node:crypto';
import { isDeadLetterTopic } from '@shop/contracts';
import { readDeadLetter } from './dead-letter-record.mjs';
import { DeadLetterToolError } from './dead-letter-tool.error.mjs';

const READ_TIMEOUT_MS = 60_000;
/** How often a read checks that its topics still exist: a deleted topic would otherwise never reach its end. */
const TOPIC_CHECK_INTERVAL_MS = 2000;

export async function deadLetterTopics(admin) {
  return (await admin.listTopics()).filter(isDeadLetterTopic).sort();
}

export async function assertTopicExists(admin, topic, hint = '') {
  if (!(await admin.listTopics()).includes(topic)) throw new DeadLetterToolError(`no topic ${topic} on this Kafka${hint}`);
}

/** Each partition's `{ low, high }` offsets, as bigints. */
export async function partitionRanges(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map(({ partition, low, high }) => [partition, { low: BigInt(low), high: BigInt(high) }]));
}

class TopicsGone extends Error {}

/**
 * The dead letters of `topics`, by topic, each list in partition and offset order. `upTo` (a
 * partition and offset) reads one partition only, up to that offset: enough to find one record.
 * A topic deleted while it is read is left out of the answer (the others are read again).
 */
export async function readDeadLetters(kafka, admin, topics, { upTo, progress = () => undefined } = {}) {
  try {
    return await readTopics(kafka, admin, topics, upTo, progress);
  } catch (error) {
    const existing = new Set(await admin.listTopics());
    const left = topics.filter((topic) => existing.has(topic));
    if (left.length === topics.length) throw error instanceof TopicsGone ? new DeadLetterToolError(error.message) : error;
    progress(`▶ ${topics.filter((topic) => !existing.has(topic)).join(', ')} deleted while being read: reading the others again`);
    return readDeadLetters(kafka, admin, left, { upTo, progress });
  }
}

async function readTopics(kafka, admin, topics, upTo, progress) {
  const ends = await readEnds(admin, topics, upTo);
  const found = new Map(topics.map((topic) => [topic, new Map()]));
  if (ends.size > 0) {
    const total = [...ends.values()].reduce((sum, end) => sum + Number(end.high - end.low), 0);
    progress(`▶ reading ${upTo ? `partition ${upTo.partition} of ${topics[0]}` : `${total} record(s) from ${topics.length} dead-letter topic(s)`}`);
    await readUntilEnds(kafka, admin, ends, (topic, partition, message) => found.get(topic).set(`${partition}:${message.offset}`, readDeadLetter(topic, partition, message)));
  }
  return new Map(
    [...found].map(([topic, records]) => [topic, [...records.values()].sort((a, b) => a.partition - b.partition || compareOffsets(a.offset, b.offset))]),
  );
}

function compareOffsets(a, b) {
  return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
}

/** `topic/partition` to the offsets to read, for the partitions that hold something to read. */
async function readEnds(admin, topics, upTo) {
  const ends = new Map();
  for (const topic of topics) {
    for (const [partition, { low, high }] of await partitionRanges(admin, topic)) {
      if (upTo && partition !== upTo.partition) continue;
      const end = upTo ? minimum(high, BigInt(upTo.offset) + 1n) : high;
      if (end > low) ends.set(`${topic}/${partition}`, { topic, low, high: end });
    }
  }
  return ends;
}

const minimum = (a, b) => (a < b ? a : b);

async function readUntilEnds(kafka, admin, ends, collect) {
  const groupId = `dlt-reader.${randomBytes(6).toString('hex')}`;
  // A short fetch wait: past the end the broker holds a fetch that long, and disconnecting waits for it.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  const topics = [...new Set([...ends.values()].map((end) => end.topic))];
  const pending = new Set(ends.keys());
  const timers = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise((resolve, reject) => {
      timers.push(setTimeout(() => reject(new DeadLetterToolError(`reading ${topics.join(', ')} did not reach the end within ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS));
      timers.push(setInterval(() => rejectIfTopicsGone(admin, topics, reject), TOPIC_CHECK_INTERVAL_MS));
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}/${batch.partition}`;
            const end = ends.get(key);
            if (!end || !pending.has(key)) return;
            for (const message of batch.messages) if (BigInt(message.offset) < end.high) collect(batch.topic, batch.partition, message);
            if (BigInt(batch.lastOffset()) >= end.high - 1n) pending.delete(key);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    // It committed nothing, so Kafka would drop it within minutes anyway; deleting it keeps group lists clean.
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}

async function rejectIfTopicsGone(admin, topics, reject) {
  try {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((topic) => !existing.has(topic));
    if (gone.length > 0) reject(new TopicsGone(`${gone.join(', ')} was deleted while being read`));
  } catch {
    // The read itself reports a broker that went away.
  }
}
