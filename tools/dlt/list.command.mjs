// `dlt list [<topic>]`: every dead letter per topic with its reason and whether it was replayed,
// then the counts per topic and per reason.
import { deadLetterTopics, readDeadLetters } from './dead-letter-reader.mjs';
import { existingDeadLetterTopic } from './dead-letter-topic.mjs';
import { marksOf, readReplayMarks } from './replay-marks.mjs';

export async function listCommand(context, { topic }) {
  const { kafka, admin, out, progress } = context;
  const topics = topic ? [await existingDeadLetterTopic(admin, topic)] : await deadLetterTopics(admin);
  if (topics.length === 0) {
    out('no dead-letter topics (a consumer creates <topic>.dlt when it starts)');
    return 0;
  }
  const byTopic = await readDeadLetters(kafka, admin, topics, { progress });
  const sections = [];
  for (const [deadLetterTopic, records] of byTopic) {
    const marks = records.length === 0 ? new Map() : await replayMarksUnlessDeleted(admin, deadLetterTopic);
    if (marks) sections.push({ deadLetterTopic, records, marks });
  }
  const reasonTotals = new Map();
  for (const { deadLetterTopic, records, marks } of sections.filter((section) => section.records.length > 0)) {
    const isReplayed = (record) => marksOf(marks, record.partition).isReplayed(record.offset);
    const replayed = records.filter(isReplayed).length;
    out(`${deadLetterTopic}: ${records.length} dead letter(s), ${records.length - replayed} not replayed, ${replayed} replayed; ${formatCounts(countBy(records, (record) => record.reason))}`);
    for (const record of records) out(`  ${formatRecord(record, isReplayed(record))}`);
    for (const record of records) reasonTotals.set(record.reason, (reasonTotals.get(record.reason) ?? 0) + 1);
  }
  const empty = sections.filter((section) => section.records.length === 0).map((section) => section.deadLetterTopic);
  if (empty.length > 0) out(`empty: ${empty.join(', ')}`);
  const total = [...reasonTotals.values()].reduce((sum, count) => sum + count, 0);
  out(`total: ${total} dead letter(s) in ${sections.length - empty.length} of ${sections.length} dead-letter topic(s)${total > 0 ? `; ${formatCounts(reasonTotals)}` : ''}`);
  return 0;
}

/** A topic deleted since it was read (test topics come and go) is left out rather than failing the list. */
async function replayMarksUnlessDeleted(admin, deadLetterTopic) {
  try {
    return await readReplayMarks(admin, deadLetterTopic);
  } catch (error) {
    if ((await admin.listTopics()).includes(deadLetterTopic)) throw error;
    return undefined;
  }
}

function countBy(records, keyOf) {
  const counts = new Map();
  for (const record of records) counts.set(keyOf(record), (counts.get(keyOf(record)) ?? 0) + 1);
  return counts;
}

function formatCounts(counts) {
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${reason} ${count}`).join(', ');
}

function formatRecord(record, replayed) {
  const detail = record.detail.replace(/\s+/g, ' ');
  return [
    record.address.padEnd(8),
    record.reason.padEnd(19),
    (replayed ? 'replayed' : 'pending').padEnd(8),
    record.deadLetteredAt.toISOString(),
    `key ${record.key?.toString('utf8') ?? '(none)'}`,
    record.type ?? '(no envelope)',
    record.messageId ? `message ${record.messageId}` : '',
    `attempts ${record.attempts}`,
    detail.length > 100 ? `${detail.slice(0, 97)}...` : detail,
  ]
    .filter(Boolean)
    .join('  ');
}
