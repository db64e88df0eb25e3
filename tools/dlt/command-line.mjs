// The command line of `npm run dlt`: one command with its arguments, or a UsageError (exit code 2).
// Kept free of Kafka and of the built libs, so a wrong command is answered at once, on any clone.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run dlt -- <command>

  list [<topic>]                        dead letters per topic with their reason; counts per topic and reason
  show <topic> <partition>:<offset>     one dead letter: why, where from, its headers, its envelope
  show <topic> <message-id>             the dead letters of that message on the topic
  replay <topic> <partition>:<offset>   sends one dead letter back to its original topic
  replay <topic> <message-id>           the same, found by the message id of its envelope
  replay <topic> --all                  sends back every dead letter of the topic not replayed yet
    --again                             also resends dead letters replayed before

<topic> names the original topic or its dead-letter topic: payment.commands.v1 or payment.commands.v1.dlt.
Kafka: KAFKA_BROKERS=host:port[,host:port], by default the native stack's (libs/topology/src/topology.mjs).
Exit codes: 0 done (also when there was nothing to do), 1 failed, 2 bad arguments.`;

export class UsageError extends Error {}

const COMMANDS = ['list', 'show', 'replay'];
const PARTITION_OFFSET = /^(\d+):(\d+)$/;
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `{ command: 'help' }`, `{ command: 'list', topic? }`, `{ command: 'show', topic, address }` or
 * `{ command: 'replay', topic, address | all: true, again }`; an address is
 * `{ partition, offset }` (offset a decimal string, as kafkajs has it) or `{ messageId }`.
 */
export function parseCommandLine(argv) {
  const { values, positionals } = parseOptions(argv);
  const [command, ...operands] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (command === undefined) throw new UsageError('a command is missing: list, show or replay');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}": expected list, show or replay`);
  if (command !== 'replay' && (values.all || values.again)) throw new UsageError(`--all and --again belong to replay, not to ${command}`);
  if (command === 'list') return listArguments(operands);
  if (command === 'show') return showArguments(operands);
  return replayArguments(operands, values);
}

function parseOptions(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { all: { type: 'boolean', default: false }, again: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    throw new UsageError(error.message.split('\n')[0]);
  }
}

function listArguments(operands) {
  if (operands.length > 1) throw new UsageError(`list takes at most one topic, got: ${operands.join(' ')}`);
  return { command: 'list', topic: operands[0] ? topicOperand(operands[0]) : undefined };
}

function showArguments(operands) {
  if (operands.length !== 2) throw new UsageError('show takes a topic and an address: show <topic> <partition>:<offset> | <message-id>');
  return { command: 'show', topic: topicOperand(operands[0]), address: parseAddress(operands[1]) };
}

function replayArguments(operands, { all, again }) {
  if (operands.length === 0) throw new UsageError('replay takes a topic, then an address or --all');
  const [topic, address, ...extra] = operands;
  if (extra.length > 0) throw new UsageError(`replay takes one address at a time, got: ${[address, ...extra].join(' ')}`);
  if (all && address !== undefined) throw new UsageError('replay takes an address or --all, not both');
  if (!all && address === undefined) throw new UsageError('replay needs an address (<partition>:<offset> or a message id) or --all');
  return { command: 'replay', topic: topicOperand(topic), ...(all ? { all: true } : { address: parseAddress(address) }), again };
}

function topicOperand(text) {
  if (!/^[A-Za-z0-9._-]+$/.test(text)) throw new UsageError(`"${text}" is not a Kafka topic name`);
  return text;
}

export function parseAddress(text) {
  const partitionOffset = PARTITION_OFFSET.exec(text);
  if (partitionOffset) return { partition: Number(partitionOffset[1]), offset: BigInt(partitionOffset[2]).toString() };
  if (MESSAGE_ID.test(text)) return { messageId: text.toLowerCase() };
  throw new UsageError(`"${text}" is not an address: expected <partition>:<offset> (e.g. 0:42) or a message id (a UUID)`);
}

export function describeAddress(address) {
  return address.messageId === undefined ? `${address.partition}:${address.offset}` : `message ${address.messageId}`;
}
