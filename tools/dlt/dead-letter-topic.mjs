// A topic as the user names it (the original or its `.dlt`), and the dead letters of it they address.
import { deadLetterTopicOf, isDeadLetterTopic } from '@shop/contracts';
import { describeAddress } from './command-line.mjs';
import { DeadLetterToolError } from './dead-letter-tool.error.mjs';
import { assertTopicExists, readDeadLetters } from './dead-letter-reader.mjs';

export function deadLetterTopicNamed(topic) {
  return isDeadLetterTopic(topic) ? topic : deadLetterTopicOf(topic);
}

/** The existing dead-letter topic the user named; fails with the topics there are. */
export async function existingDeadLetterTopic(admin, topic) {
  const deadLetterTopic = deadLetterTopicNamed(topic);
  await assertTopicExists(admin, deadLetterTopic, ' (a consumer creates <topic>.dlt when it starts; `npm run dlt -- list` lists them)');
  return deadLetterTopic;
}

/** The dead letters at `address`: one for a partition and offset, every record of the message for a message id. */
export async function findDeadLetters(context, deadLetterTopic, address) {
  const upTo = address.messageId === undefined ? address : undefined;
  const records = (await readDeadLetters(context.kafka, context.admin, [deadLetterTopic], { upTo, progress: context.progress })).get(deadLetterTopic);
  const found = records.filter((record) =>
    address.messageId === undefined ? record.partition === address.partition && record.offset === address.offset : record.messageId === address.messageId,
  );
  if (found.length === 0) throw new DeadLetterToolError(`no dead letter at ${deadLetterTopic} ${describeAddress(address)}${await holdings(context.admin, deadLetterTopic, address)}`);
  return found;
}

/** What the topic holds, to say why an address found nothing. */
async function holdings(admin, deadLetterTopic, address) {
  const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
  if (address.messageId !== undefined) return '';
  const partition = offsets.find((candidate) => candidate.partition === address.partition);
  if (!partition) return ` (the topic has partitions 0 to ${offsets.length - 1})`;
  const { low, high } = partition;
  return low === high ? ` (partition ${address.partition} is empty)` : ` (partition ${address.partition} holds offsets ${low} to ${BigInt(high) - 1n})`;
}
