// `dlt replay <topic> <address> | --all [--again]`: sends dead letters back to their original topic,
// as they were (key, value, headers) plus the replay headers, one at a time in offset order. Each
// send is recorded in the replayer group's marks right after it (at-least-once, like every
// consumer here: a crash in between resends that one next time, and the consumers' inbox skips
// it), so a later `replay --all` sends only what no replay sent yet.
import { describeAddress } from './command-line.mjs';
import { toReplayRecord } from './dead-letter-record.mjs';
import { assertTopicExists, partitionRanges, readDeadLetters } from './dead-letter-reader.mjs';
import { DeadLetterToolError } from './dead-letter-tool.error.mjs';
import { existingDeadLetterTopic, findDeadLetters } from './dead-letter-topic.mjs';
import { joinReplayerGroup } from './replayer-group.mjs';
import { replayerGroupOf } from './replay-marks.mjs';

export async function replayCommand(context, { topic, address, all = false, again = false }) {
  const { kafka, admin, progress } = context;
  const deadLetterTopic = await existingDeadLetterTopic(admin, topic);
  progress(`▶ joining ${replayerGroupOf(deadLetterTopic)}, which records what was replayed from ${deadLetterTopic}`);
  const group = await joinReplayerGroup(kafka, admin, deadLetterTopic, [...(await partitionRanges(admin, deadLetterTopic)).keys()]);
  try {
    const records = all ? (await readDeadLetters(kafka, admin, [deadLetterTopic], { progress })).get(deadLetterTopic) : await oneDeadLetter(context, deadLetterTopic, address);
    const plan = records.map((record) => ({ record, send: again || !group.marksOf(record.partition).isReplayed(record.offset) }));
    return await replayPlan(context, group, deadLetterTopic, plan, { all, again });
  } finally {
    await group.leave().catch(() => undefined);
  }
}

async function oneDeadLetter(context, deadLetterTopic, address) {
  const records = await findDeadLetters(context, deadLetterTopic, address);
  if (records.length > 1) {
    const addresses = records.map((record) => record.address).join(', ');
    throw new DeadLetterToolError(`${describeAddress(address)} was dead-lettered ${records.length} times on ${deadLetterTopic} (${addresses}): replay one by its <partition>:<offset>`);
  }
  return records;
}

async function replayPlan(context, group, deadLetterTopic, plan, { all, again }) {
  const { out } = context;
  const toSend = plan.filter((entry) => entry.send);
  const skipped = plan.length - toSend.length;
  if (toSend.length === 0) {
    out(
      all
        ? `nothing to replay: ${plan.length === 0 ? `${deadLetterTopic} is empty` : `the ${plan.length} dead letter(s) of ${deadLetterTopic} were all replayed before`} (--again resends them)`
        : `already replayed: ${deadLetterTopic} ${plan[0].record.address} (message ${plan[0].record.messageId ?? 'without id'}); nothing sent (--again resends it)`,
    );
    return 0;
  }
  const originalTopics = [...new Set(toSend.map((entry) => entry.record.originalTopic))];
  const partitionCounts = await originalPartitionCounts(context.admin, originalTopics);
  const producer = context.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  let sent = 0;
  try {
    context.progress(`▶ replaying ${toSend.length} dead letter(s) of ${deadLetterTopic} to ${originalTopics.join(', ')}`);
    for (const entry of plan) {
      const { record } = entry;
      const marks = group.marksOf(record.partition);
      if (entry.send) {
        await replayOne(context, producer, record, partitionCounts);
        sent += 1;
        await recordReplay(group, record, all ? marks.withSweptPast(record.offset) : marks.withReplayed(record.offset));
      } else {
        // Replayed one by one before: --all goes past it, and the watermark absorbs it.
        await recordReplay(group, record, marks.withSweptPast(record.offset));
      }
    }
  } catch (error) {
    throw new DeadLetterToolError(`${error.message}\n  stopped: ${sent} replayed (listed above), ${toSend.length - sent} not sent, still pending`, { cause: error });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const skippedNote = skipped > 0 ? `; ${skipped} skipped, replayed before (--again resends them)` : '';
  const againNote = again ? ' (--again: including those replayed before)' : '';
  out(`✔ replayed ${sent} dead letter(s) of ${deadLetterTopic} to ${originalTopics.join(', ')}${againNote}${skippedNote}`);
  return 0;
}

async function replayOne(context, producer, record, partitionCounts) {
  const message = toReplayRecord(record, new Date());
  // Back to its partition, unless the topic was recreated with fewer: then its key decides.
  if (message.partition !== undefined && message.partition >= partitionCounts.get(record.originalTopic)) delete message.partition;
  const [written] = await producer.send({ topic: record.originalTopic, acks: -1, messages: [message] });
  context.out(
    `↻ ${record.deadLetterTopic} ${record.address} → ${written.topicName} ${written.partition}:${written.baseOffset}  ${record.type ?? '(no envelope)'}  ` +
      `message ${record.messageId ?? '(none)'}  key ${record.key?.toString('utf8') ?? '(none)'}  ${record.reason}  replay #${record.replayCount + 1}`,
  );
}

async function recordReplay(group, record, marks) {
  if (marks.equals(group.marksOf(record.partition))) return;
  try {
    await group.record(record.partition, marks);
  } catch (error) {
    throw new Error(
      `could not record the replay of ${record.deadLetterTopic} ${record.address} (${error.message}): a later replay may send it again, and the consumers' inbox skips it`,
      { cause: error },
    );
  }
}

async function originalPartitionCounts(admin, topics) {
  for (const topic of topics) await assertTopicExists(admin, topic, ': the original topic of these dead letters is gone, nothing was replayed');
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  return new Map(metadata.map(({ name, partitions }) => [name, partitions.length]));
}
