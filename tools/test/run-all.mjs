// `npm test`: build, lint, unit tests, then integration and end-to-end tests against the native
// stack (started here when it is not already running, and stopped again afterwards).
// Ends with one summary line, `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureInstalled } from '../ensure-installed.mjs';
import { runStep } from '../run-step.mjs';
import { isStackUp } from '../stack-probe.mjs';
import { findTests } from './find-tests.mjs';

process.chdir(new URL('../..', import.meta.url).pathname);
const reports = '.local/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

await ensureInstalled();
await step('build (Prisma clients, tsc -b type-check)', process.execPath, ['tools/build.mjs']);
await step('lint (ESLint with Nx module boundaries, then tools/ and infra/ scripts)', 'npm', ['run', '--silent', 'lint'], {
  env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});
if (failedSteps.length === 0) {
  await testSuite('unit', findTests('spec'), 2);
  const stackWasUp = await isStackUp();
  if (stackWasUp || (await step('stack:up (native infrastructure and the six apps)', process.execPath, ['tools/stack.mjs', 'up']))) {
    try {
      // Integration tests wait on brokers and databases more than on the CPU, and each works on
      // its own databases and topics, so three files run at once. End-to-end files share the
      // running apps (the slow-card test opens the payment breaker), so they run one by one.
      await testSuite('integration', findTests('int-spec'), 3);
      await testSuite('e2e', findTests('e2e-spec'), 1);
      await removeTestData();
    } finally {
      if (!stackWasUp) await step('stack:down', process.execPath, ['tools/stack.mjs', 'down']);
    }
  }
}

if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join(', ')}`);
// A skipped or todo test is a claim nobody checks: it fails the run instead of hiding in a count.
if (totals.skipped > 0) failedSteps.push(`${totals.skipped} skipped or todo tests`);
if (totals.passed + totals.failed === 0) {
  console.log('no test was executed');
  failedSteps.push('no tests');
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);

/** The tests' topics, consumer groups and products, so the developer's stack shows only its own data. */
async function removeTestData() {
  const { cleanTestData } = await import('./clean-test-data.mjs');
  try {
    const removed = await cleanTestData();
    console.log(`✔ removed the tests' data: ${removed.topics} Kafka topics, ${removed.groups} consumer groups, ${removed.products} products`);
  } catch (error) {
    console.log(`✖ removing the tests' data: ${error.message}`);
    failedSteps.push("removing the tests' data");
    totals.failed += 1;
  }
}

/** A step that is not a test suite still counts: a failed build or lint is one failure. */
async function step(title, command, args, options) {
  const ok = await runStep(title, command, args, options);
  if (!ok) {
    failedSteps.push(title);
    totals.failed += 1;
  }
  return ok;
}

async function testSuite(name, files, concurrency) {
  if (files.length === 0) return;
  const tap = `${reports}/${name}.tap`;
  const ok = await runStep(`${name} tests (${files.length} files)`, process.execPath, [
    '--test',
    // Tests that build an app in-process load instrumented modules before they start telemetry.
    '--import=@shop/observability/preload',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const counts = readTapSummary(tap);
  totals.passed += counts.pass;
  totals.failed += counts.fail;
  totals.skipped += counts.skipped + counts.todo;
  if (!ok) failedSteps.push(`${name} tests`);
  // A crashed runner that reported no failing test must still fail the run.
  if (!ok && counts.fail === 0) totals.failed += 1;
}

function readTapSummary(file) {
  const counts = { pass: 0, fail: 0, skipped: 0, todo: 0 };
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^# (pass|fail|skipped|todo) (\d+)$/.exec(line);
    if (match) counts[match[1]] = Number(match[2]);
  }
  return counts;
}
