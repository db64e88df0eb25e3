// `npm run chaos -- [--orders 100] [--scenario kill-kafka] [--keep]`: the fault scenarios of the
// fault suite (apps/system-e2e/src/faults/) at a larger scale: per scenario, N orders flow through
// the gateway while the fault hits; then a table of orders, outcomes, each invariant and the
// recovery time. Exits 1 when an invariant is broken. Starts the native stack when it is not up
// and stops it again afterwards (`--keep` leaves it running).
import { parseArgs } from 'node:util';
import { ensureInstalled } from './ensure-installed.mjs';
import { mustRun } from './run-step.mjs';
import { isStackUp } from './stack-probe.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100' },
    scenario: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
  },
});
const orders = Number(values.orders);
if (!Number.isInteger(orders) || orders < 1) {
  console.error(`✖ --orders wants a whole number of orders per scenario, not ${values.orders}`);
  process.exit(2);
}

await ensureInstalled();
// The engine is a test project, built here (incrementally) so a wrong --scenario fails before the stack starts.
await mustRun('building the fault engine (tsc -b apps/system-e2e)', process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'apps/system-e2e']);
const engine = await import('../apps/system-e2e/dist/faults/index.js');
const scenarios = engine.faultScenarios().filter((scenario) => !values.scenario || values.scenario.includes(scenario.id));
if (scenarios.length === 0) {
  console.error(`✖ no scenario named ${values.scenario.join(', ')}; there are: ${engine.faultScenarios().map((scenario) => scenario.id).join(', ')}`);
  process.exit(2);
}

const startedHere = !(await isStackUp());
if (startedHere) await mustRun('starting the native stack (npm run stack:up)', process.execPath, ['tools/stack.mjs', 'up']);

const boundMs = engine.recoveryBoundMs(orders);
console.log(`\n▶ ${scenarios.length} scenarios, ${orders} orders each; every order must end within ${boundMs / 1000} s of the heal`);
const reports = [];
let crashed;
try {
  const customers = await engine.prepareFaultSuite();
  for (const scenario of scenarios) {
    console.log(`\n▶ ${scenario.title}`);
    const report = await engine.runScenario(scenario, { ordersPerScenario: orders, customers, boundMs, log: (line) => console.log(`  ${line}`) });
    reports.push(report);
    console.log(engine.formatReport(report));
  }
} catch (error) {
  crashed = error;
  console.error(`✖ the run stopped: ${error.stack ?? error}`);
} finally {
  await engine.finishFaultSuite();
}

if (reports.length) console.log(`\n${engine.formatReportTable(reports)}\n`);
await removeFaultProducts();
if (startedHere && !values.keep) await mustRun('stopping what chaos started (npm run stack:down)', process.execPath, ['tools/stack.mjs', 'down']);
const broken = reports.some((report) => report.invariants.some((invariant) => !invariant.ok));
process.exit(crashed || broken ? 1 : 0);

/** The scenarios' E2E-* products, as npm test removes its own, so the catalog shows only the shop's. */
async function removeFaultProducts() {
  const { cleanTestData } = await import('./test/clean-test-data.mjs');
  try {
    const removed = await cleanTestData();
    console.log(`✔ removed the scenarios' ${removed.products} products`);
  } catch (error) {
    console.log(`✖ removing the scenarios' products: ${error.message}`);
  }
}
