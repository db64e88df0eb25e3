// A writer with its relay alone in a process, publishing what it writes as each transaction
// commits (OutboxWriter with a running OutboxRelay), so a test can kill it with SIGKILL anywhere:
// mid-transaction, between a commit and its publishing, between publishing and stamping. It
// writes pings to TOPIC, PER_TRANSACTION per transaction, round-robin over AGGREGATES keys, from
// the number of pings the outbox already holds up to TOTAL, prints "started" first and "written"
// once all are, and goes on publishing until SIGTERM. Its rows are leased to it for LEASE_MS.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPostgresPool, PgDatabase } from '@shop/persistence';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { ping, pingDefinition, testKafka } from './kafka-fixtures.js';

const { DATABASE_URL: databaseUrl, TOPIC: topic } = process.env;
if (!databaseUrl || !topic) throw new Error('DATABASE_URL and TOPIC are required');
const total = Number(process.env.TOTAL);
const aggregates = Number(process.env.AGGREGATES);
const perTransaction = Number(process.env.PER_TRANSACTION);

const relay = new OutboxRelay({
  databaseUrl,
  kafka: testKafka('writer-process'),
  pollIntervalMs: 50,
  writerLeaseMs: Number(process.env.LEASE_MS),
  logger: { log: () => undefined, warn: () => undefined, error: (message: unknown) => process.stderr.write(`${String(message)}\n`) },
});
const outbox = new OutboxWriter(relay);
const pool = createPostgresPool(databaseUrl, 2);
const database = new PgDatabase(pool);

await relay.start();
process.once('SIGTERM', () => void relay.stop().then(() => process.exit(0)));
process.stdout.write('started\n');
const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox_messages WHERE topic = $1', [topic]);
for (let start = rows[0]!.count; start < total; start += perTransaction) {
  await database.transaction(async (tx) => {
    for (let index = start; index < Math.min(start + perTransaction, total); index++) {
      await outbox.add(tx, pingDefinition(topic), ping(topic, `aggregate-${index % aggregates}`, Math.floor(index / aggregates)));
    }
  });
  await sleep(5);
}
process.stdout.write('written\n');
