// `npm run demo`: installs what is missing, builds, brings the native stack up, shows every app
// ready, places one order of each outcome through the gateway and prints each saga's timeline and
// trace, then stops again what it started (`-- --keep` leaves it running).
import { apps, host } from '../libs/topology/src/topology.mjs';
import { ensureInstalled } from './ensure-installed.mjs';
import { mustRun } from './run-step.mjs';
import { isStackUp } from './stack-probe.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
const keep = process.argv.includes('--keep');

await ensureInstalled();
const startedHere = !(await isStackUp());
if (startedHere) await mustRun('starting the native stack (npm run stack:up)', process.execPath, ['tools/stack.mjs', 'up']);

let allReady = true;
console.log('\nEvery app, as its readiness endpoint reports it:');
for (const app of apps) {
  const url = `http://${host}:${app.httpPort}/health/ready`;
  const response = await fetch(url).catch((error) => ({ ok: false, status: error.message, json: async () => ({}) }));
  const report = await response.json().catch(() => ({}));
  const dependencies = Object.entries(report.details ?? {}).map(([name, state]) => `${name} ${state.status}`);
  allReady &&= response.ok;
  console.log(`  ${response.ok ? '✔' : '✖'} ${app.name.padEnd(22)} ${url.padEnd(38)} ${dependencies.join(', ')}`);
}

let outcomesAsExpected = false;
if (allReady) {
  try {
    // Imported only now: the walkthrough reads traces through a built lib, and the build has just run.
    const { runOrderWalkthrough } = await import('./demo/order-walkthrough.mjs');
    outcomesAsExpected = await runOrderWalkthrough();
  } catch (error) {
    console.error(`✖ the order walkthrough failed: ${error.message}${error.cause ? ` (${error.cause.code ?? error.cause.message})` : ""}`);
  }
}

if (startedHere && !keep) {
  await mustRun('stopping what the demo started (npm run stack:down)', process.execPath, ['tools/stack.mjs', 'down']);
} else {
  console.log('\nThe stack keeps running: `npm run stack:status` shows it, `npm run stack:down` stops it.');
}
process.exit(allReady && outcomesAsExpected ? 0 : 1);
