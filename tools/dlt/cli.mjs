// `npm run dlt -- list|show|replay`: what is on the dead-letter topics (`<topic>.dlt`, written by
// @shop/messaging's MessageConsumer), one dead letter in full, and sending them back to their
// topic once the cause is fixed. See "Dead letters" in libs/messaging/README.md.
// Results go to stdout, progress lines (▶) to stderr; exit code 0 done, 1 failed, 2 bad arguments.
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers } from '../../libs/topology/src/topology.mjs';
import { parseCommandLine, USAGE, UsageError } from './command-line.mjs';

const EXIT = { done: 0, failed: 1, usage: 2 };

const exitCode = await main(process.argv.slice(2));
// Writes to a pipe may still be queued: exiting before they are flushed would cut the output short.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(exitCode);

async function main(argv) {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`✖ ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (command.command === 'help') {
    console.log(USAGE);
    return EXIT.done;
  }
  const brokers = (process.env.KAFKA_BROKERS ?? kafkaBrokers).split(',').map((broker) => broker.trim());
  try {
    const commands = await loadCommands();
    return await withKafka(brokers, (context) => commands[command.command](context, command));
  } catch (error) {
    console.error(`✖ ${describeFailure(error, brokers)}`);
    return EXIT.failed;
  }
}

/** The commands import the built libs (the dead-letter header names live in @shop/messaging). */
async function loadCommands() {
  try {
    const [{ listCommand }, { showCommand }, { replayCommand }] = await Promise.all([
      import('./list.command.mjs'),
      import('./show.command.mjs'),
      import('./replay.command.mjs'),
    ]);
    return { list: listCommand, show: showCommand, replay: replayCommand };
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND' && /libs\/|@shop\//.test(error.message)) throw new Error(`the libs are not built (${error.message}): run npm run build first`, { cause: error });
    throw error;
  }
}

async function withKafka(brokers, run) {
  // Fail within seconds when Kafka is away, rather than after kafkajs's default minute of retries.
  const kafka = new Kafka({ clientId: 'dlt-cli', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 3 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await run({ kafka, admin, out: (line) => console.log(line), progress: (line) => console.error(line) });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function describeFailure(error, brokers) {
  const kafkaError = error?.name?.startsWith('KafkaJS');
  if (!kafkaError) return error?.message ?? String(error);
  const connection = /Connection|ECONNREFUSED|connect/i.test(`${error.name} ${error.message} ${error.cause?.message ?? ''}`);
  const cause = error.cause?.message && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : '';
  const hint = connection ? ': is it running? (`npm run stack:up` starts the native stack; KAFKA_BROKERS=host:port reaches another Kafka)' : '';
  return `Kafka at ${brokers.join(',')}: ${error.message}${cause}${hint}`;
}
