// An outbox relay alone in a process, so a test can kill it with SIGKILL mid-batch, as a crash
// or an OOM kill would. DATABASE_URL says which outbox; it prints "started" once it runs.
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { testKafka } from './kafka-fixtures.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

const relay = new OutboxRelay({
  databaseUrl,
  kafka: testKafka('relay-process'),
  batchSize: Number(process.env.OUTBOX_BATCH_SIZE ?? 50),
  pollIntervalMs: 50,
  logger: { log: () => undefined, warn: () => undefined, error: (message: unknown) => process.stderr.write(`${String(message)}\n`) },
});

void relay.start().then(() => process.stdout.write('started\n'));
process.once('SIGTERM', () => void relay.stop().then(() => process.exit(0)));
