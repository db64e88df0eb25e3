// The fault engine, for tools/chaos.mjs (which imports the compiled dist/faults/index.js).
export { finishFaultSuite, prepareFaultSuite, recoveryBoundMs, SUITE_ORDERS_PER_SCENARIO } from './fault-suite.js';
export { formatReport, formatReportTable } from './report-table.js';
export { runScenario, type RunOptions, type ScenarioReport } from './run-scenario.js';
export { faultScenarios, type Scenario } from './scenarios.js';
