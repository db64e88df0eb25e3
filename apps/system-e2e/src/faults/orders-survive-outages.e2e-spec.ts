// Issue 11, "Orders survive outages": while orders flow through the gateway, each fault in turn
// (kill -9 of every service and of Kafka, PostgreSQL sessions terminated, Redis connections
// killed, two replicas at once); after recovery, the business invariants hold. The same scenarios
// run at a larger scale with `npm run chaos -- --orders N`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Customer } from '@shop/testing/system';
import { finishFaultSuite, prepareFaultSuite, recoveryBoundMs, SUITE_ORDERS_PER_SCENARIO } from './fault-suite.js';
import { formatReport, formatReportTable } from './report-table.js';
import { runScenario, type ScenarioReport } from './run-scenario.js';
import { faultScenarios } from './scenarios.js';

// A passing scenario takes under a minute. The timeout is above the sum of every bound inside
// runScenario (restarts, the canary order, the flow, the 120 s recovery bound, the aftermath),
// because node:test does not stop a timed-out test: it would still be killing components while
// the next scenario runs.
const SCENARIO_TIMEOUT_MS = 12 * 60_000;

describe('orders survive outages', () => {
  const boundMs = recoveryBoundMs(SUITE_ORDERS_PER_SCENARIO);
  const reports: ScenarioReport[] = [];
  let customers: Customer[];

  before(async () => {
    customers = await prepareFaultSuite();
  });

  after(async () => {
    await finishFaultSuite();
    if (reports.length) console.log(`\n${formatReportTable(reports)}\n`);
  });

  for (const scenario of faultScenarios()) {
    it(`${scenario.title}: every order ends within ${boundMs / 1000} s of the heal, as card and stock decide, nothing doubled, nothing lost`, { timeout: SCENARIO_TIMEOUT_MS }, async (context) => {
      const report = await runScenario(scenario, { ordersPerScenario: SUITE_ORDERS_PER_SCENARIO, customers, boundMs, log: (line) => context.diagnostic(line) });
      reports.push(report);
      context.diagnostic(formatReport(report));
      assert.ok(report.orders > 0, `no order was taken: ${report.refused.slice(0, 3).join('; ')}`);
      const broken = report.invariants.filter((invariant) => !invariant.ok).map((invariant) => `${invariant.name}: ${invariant.detail}`);
      assert.deepEqual(broken, [], `invariants broken by "${scenario.title}":\n${broken.join('\n')}`);
    });
  }
});
