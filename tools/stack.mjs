// The native stack's command line: `node tools/stack.mjs up|down|status` (npm run stack:up|down|status).
// Kafka and the MongoDB stand-in run as processes of ours (jars from Maven Central), PostgreSQL
// and Redis are the machine's, and the six apps run from their builds. The work is in
// infra/local/stack/; see infra/local/README.md.
import { ensureInstalled } from './ensure-installed.mjs';

const commands = { up: '../infra/local/stack/up.mjs', down: '../infra/local/stack/down.mjs', status: '../infra/local/stack/status.mjs' };
const name = process.argv[2];

if (!commands[name]) {
  console.error('usage: node tools/stack.mjs up|down|status');
  process.exit(2);
}

process.chdir(new URL('..', import.meta.url).pathname);
// On a fresh clone the stack's own modules need node_modules (kafkajs, pg, mongodb): install
// first, import after.
await ensureInstalled();
const { StackError } = await import('../infra/local/stack/stack-error.mjs');
const command = (await import(commands[name]))[name];

try {
  await command();
} catch (error) {
  if (!(error instanceof StackError)) throw error;
  console.error(`✖ ${error.message}`);
  if (error.logTail) console.error(error.logTail);
  process.exitCode = 1;
}
