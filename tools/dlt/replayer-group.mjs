// Membership of the replayer's consumer group of one dead-letter topic, for two things kafkajs
// only offers a member: committing the replay marks (offset and metadata), and holding the
// partitions, so a second replayer of the same topic is turned away instead of resending the same
// dead letters. The member never consumes: the reader reads, this only commits.
import { DeadLetterToolError } from './dead-letter-tool.error.mjs';
import { marksOf, readReplayMarks, replayerGroupOf } from './replay-marks.mjs';

export async function joinReplayerGroup(kafka, admin, deadLetterTopic, partitions) {
  const groupId = replayerGroupOf(deadLetterTopic);
  // Paused, its fetch loop sleeps maxWaitTimeInMs between heartbeats, and disconnecting waits for that sleep.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let assigned;
  let crash;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = payload.memberAssignment[deadLetterTopic] ?? [];
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    crash = payload.error;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
    // Never commits on its own (autoCommit off) and reads nothing (paused at once).
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    if (crash || !assigned) throw new DeadLetterToolError(`could not join the replayer group ${groupId}: ${crash?.message ?? 'no assignment'}`);
    consumer.pause([{ topic: deadLetterTopic }]);
    const heldElsewhere = partitions.filter((partition) => !assigned.includes(partition));
    if (heldElsewhere.length > 0) {
      throw new DeadLetterToolError(
        `another replayer of ${deadLetterTopic} is running (group ${groupId} gave partition(s) ${heldElsewhere.join(', ')} to it): let it finish, then run this again`,
      );
    }
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  // Read once the group is held: what an earlier replayer committed is final by now.
  const marks = await readReplayMarks(admin, deadLetterTopic);
  return {
    groupId,
    marksOf: (partition) => marksOf(marks, partition),
    /** Commits a partition's marks; throws when the group lost the partition meanwhile (its commit is refused). */
    async record(partition, partitionMarks) {
      await consumer.commitOffsets([{ topic: deadLetterTopic, partition, ...partitionMarks.toCommit() }]);
      marks.set(partition, partitionMarks);
    },
    leave: () => consumer.disconnect(),
  };
}
