// `dlt show <topic> <address>`: one dead letter in full: why, where it came from, whether it was
// replayed, its headers and its envelope pretty-printed.
import { existingDeadLetterTopic, findDeadLetters } from './dead-letter-topic.mjs';
import { headerText } from './dead-letter-record.mjs';
import { marksOf, readReplayMarks } from './replay-marks.mjs';

export async function showCommand(context, { topic, address }) {
  const deadLetterTopic = await existingDeadLetterTopic(context.admin, topic);
  const records = await findDeadLetters(context, deadLetterTopic, address);
  const marks = await readReplayMarks(context.admin, deadLetterTopic);
  records.forEach((record, index) => {
    if (index > 0) context.out('');
    for (const line of describe(record, marksOf(marks, record.partition).isReplayed(record.offset))) context.out(line);
  });
  return 0;
}

function describe(record, replayed) {
  const from = [`${record.originalTopic}`, record.originalPartition === undefined ? '' : `partition ${record.originalPartition}`, record.originalOffset ? `offset ${record.originalOffset}` : '']
    .filter(Boolean)
    .join(' ');
  return [
    `${record.deadLetterTopic} ${record.address}: ${replayed ? 'replayed (replay --again resends it)' : 'not replayed'}`,
    `  reason         ${record.reason}${record.attempts > 0 ? ` after ${record.attempts} attempt(s)` : ', refused before any attempt'}`,
    `  detail         ${record.detail || '(none)'}`,
    `  from           ${from}${record.consumerGroup ? `, consumer group ${record.consumerGroup}` : ''}`,
    `  dead-lettered  ${record.deadLetteredAt.toISOString()}`,
    `  key            ${record.key?.toString('utf8') ?? '(none)'}`,
    `  message        ${record.type ? `${record.type}, id ${record.messageId ?? '(none)'}` : '(no envelope)'}${record.replayCount > 0 ? `, replayed ${record.replayCount} time(s) before` : ''}`,
    '  headers',
    ...Object.entries(record.headers).map(([name, value]) => `    ${name}: ${headerText(value)}`),
    record.envelope ? '  envelope' : '  value (not a JSON object)',
    ...indent(record.envelope ? JSON.stringify(record.envelope, null, 2) : (record.text ?? '(null)')),
  ];
}

function indent(text) {
  return text.split('\n').map((line) => `    ${line}`);
}
