// `npm run bench:orders -- [--rate 2,5,10] [--duration 60]`: open-loop load on a running stack.
// Orders arrive at a fixed rate whatever the answers (see open-loop.mjs); each saga's end is read
// from order.events.v1; CPU per order of every process comes from /proc, PostgreSQL transactions
// per order from pg_stat_database. `--find-max` raises the rate until the saga p99 or the
// failures break; `--profile` runs the load with the apps under `node --cpu-prof`.
// Numbers, not assertions: compare runs on the same machine, CPU per order above all.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apps } from '../../libs/topology/src/topology.mjs';
import { isStackUp } from '../stack-probe.mjs';
import { quietKafkajsTimeoutWarnings, readBenchArgs } from './cli.mjs';
import { FIND_MAX_DEFAULTS, decide, judgeStep } from './find-max.mjs';
import { createProduct, registerCustomers } from './load.mjs';
import { measureIdle, measureRate } from './measure.mjs';
import { openPostgresStats, VACUUM_MIN_PAGES, vacuumServiceDatabases } from './postgres-stats.mjs';
import { clockTicksPerSecond, stackProcesses } from './proc-cpu.mjs';
import { readProfiles, withProfiledApps } from './profile.mjs';
import { appsMemoryLine, benchFolder, cpuTable, formatNumber, idleTable, machineText, profileLines, rateLines, ratesTable, writeJsonReport } from './report.mjs';
import { watchSagaEnds } from './saga-events.mjs';

quietKafkajsTimeoutWarnings();

const IDLE_SETTLE_SECONDS = 5;
const WARMUP_MAX_RATE = 5;

const USAGE = `npm run bench:orders -- [options]
  --rate R[,R...]      orders per second, one run per rate (default 5)
  --duration S         seconds of load per rate (default 60)
  --find-max           step the rate up until a step is not sustained (instead of --rate)
    --start-rate R     first rate (default ${FIND_MAX_DEFAULTS.startRate}); each next one × --factor (default ${FIND_MAX_DEFAULTS.factor})
    --step-duration S  seconds per step (default 20)
    --max-rate R       stop there (default ${FIND_MAX_DEFAULTS.maxRate})
    --p99-limit-ms MS  saga p99, from the scheduled time, above which a step fails (default ${FIND_MAX_DEFAULTS.p99LimitMs})
    --max-failures P   % of orders not confirmed above which a step fails (default ${FIND_MAX_DEFAULTS.maxFailureRatio * 100})
  --drain S            wait for sagas after the last arrival, then count them unfinished (default 30)
  --idle S             measure the idle stack (after the warm-up) for S seconds, 0 to skip (default 10)
  --warmup S           unmeasured load (first rate, at most 5/s) before anything is measured (default 10)
  --customers N        customers the orders are spread over (default 10)
  --sku SKU            order this product (default: a new E2E-BENCH-… product with --stock units)
  --stock N            units of that new product (default 1000000)
  --trace-all          every order asks for its trace (a sampled traceparent): the cost at 100% sampling,
                       where the stack's default keeps OTEL_TRACES_SAMPLER_ARG (10%) of the traces
  --vacuum             VACUUM (ANALYZE) the service databases first (PostgreSQL with autovacuum off grows slower run after run)
  --profile            run the apps under --cpu-prof during the load; profiles in .local/bench/profiles/`;

const { values, positive } = readBenchArgs(
  {
    rate: { type: 'string', default: '5' },
    duration: { type: 'string', default: '60' },
    'find-max': { type: 'boolean', default: false },
    'start-rate': { type: 'string', default: String(FIND_MAX_DEFAULTS.startRate) },
    factor: { type: 'string', default: String(FIND_MAX_DEFAULTS.factor) },
    'step-duration': { type: 'string', default: '20' },
    'max-rate': { type: 'string', default: String(FIND_MAX_DEFAULTS.maxRate) },
    'p99-limit-ms': { type: 'string', default: String(FIND_MAX_DEFAULTS.p99LimitMs) },
    'max-failures': { type: 'string', default: String(FIND_MAX_DEFAULTS.maxFailureRatio * 100) },
    drain: { type: 'string', default: '30' },
    idle: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '10' },
    customers: { type: 'string', default: '10' },
    sku: { type: 'string' },
    stock: { type: 'string', default: '1000000' },
    vacuum: { type: 'boolean', default: false },
    'trace-all': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
  USAGE,
);
const options = {
  rates: values.rate.split(',').map((rate) => positive('rate', rate)),
  duration: positive('duration', values.duration),
  findMax: values['find-max'],
  findMaxOptions: {
    startRate: positive('start-rate', values['start-rate']),
    factor: positive('factor', values.factor),
    maxRate: positive('max-rate', values['max-rate']),
    p99LimitMs: positive('p99-limit-ms', values['p99-limit-ms']),
    maxFailureRatio: Number(values['max-failures']) / 100,
  },
  stepDuration: positive('step-duration', values['step-duration']),
  drain: positive('drain', values.drain),
  idle: Number(values.idle),
  warmup: Number(values.warmup),
  customers: positive('customers', values.customers),
  stock: positive('stock', values.stock),
  vacuum: values.vacuum,
  traceAll: values['trace-all'],
  profile: values.profile,
};

if (!(await isStackUp())) {
  console.error('✖ the stack is not running: start it with `npm run stack:up`');
  process.exit(1);
}

try {
  await main();
  // kafkajs and gRPC keep timers; everything of ours is done.
  process.exit(0);
} catch (error) {
  console.error(`✖ ${error.message}`);
  process.exit(1);
}

async function main() {
  const startedAt = new Date().toISOString();
  const ticksPerSecond = clockTicksPerSecond();
  stackProcesses(); // fails early, naming what does not run
  const postgres = await openPostgresStats();
  const sagas = await watchSagaEnds();
  try {
    const autovacuum = await postgres.autovacuum();
    if (options.vacuum) {
      console.log('▶ VACUUM (ANALYZE) of the service databases');
      const { vacuumed, leftAlone } = await vacuumServiceDatabases();
      console.log(`  ${vacuumed} tables vacuumed; ${leftAlone} of under ${VACUUM_MIN_PAGES} pages left alone (why: tools/bench/postgres-stats.mjs)`);
    } else if (autovacuum !== 'on') {
      console.log('⚠ PostgreSQL runs with autovacuum off: dead rows pile up and its CPU per order grows run after run; --vacuum vacuums first');
    }
    console.log(`▶ ${options.customers} customers register and log in`);
    const customers = await registerCustomers(options.customers);
    const sku = values.sku ?? (await createProduct(options.stock)).sku;
    console.log(`▶ orders of 1 × ${sku} with pm_card_ok; saga ends read from order.events.v1; ${options.traceAll ? 'every order traced (--trace-all)' : 'traced as the stack samples'}`);
    const context = { customers, tokens: customers.tokens, sku, traceAll: options.traceAll, sagas, postgres, ticksPerSecond };

    const run = () => measureAll(context);
    const profileFolder = join(benchFolder, 'profiles', startedAt.replace(/[:.]/g, '-'));
    const measured = options.profile ? await withProfiledApps(profileFolder, run) : await run();
    const profiles = options.profile ? readProfiles(profileFolder, measured.results.map((result) => result.monotonicWindowUs)) : undefined;

    const report = {
      startedAt,
      machine: { cpus: cpus().length, clockTicksPerSecond: ticksPerSecond, loadAverageAtEnd: loadavg(), postgresAutovacuum: autovacuum },
      options: { ...options, sku },
      ...measured,
      profiles,
    };
    printReport(report);
    console.log(`\nJSON: ${writeJsonReport(report)}`);
  } finally {
    await sagas.stop();
    await postgres.close();
  }
}

async function measureAll(context) {
  const processes = stackProcesses();
  const names = processes.filter((process) => process.kind !== 'client').map((process) => process.name);
  // A freshly started stack is slow until its code is compiled: gently, so as not to pile up a backlog.
  const warmupRate = Math.min(WARMUP_MAX_RATE, options.findMax ? options.findMaxOptions.startRate : options.rates[0]);
  if (options.warmup > 0) {
    console.log(`▶ warm-up: ${options.warmup} s at ${warmupRate}/s, not measured`);
    await measureRate({ ...context, processes, rate: warmupRate, seconds: options.warmup, drainSeconds: options.drain, measured: false });
  }
  // Idle once warm (code compiled, pools open), after the warm-up's last messages settled: the
  // background the stack burns anyway, subtracted to give the CPU each order adds.
  let idle;
  if (options.idle > 0) {
    console.log(`▶ idle: ${IDLE_SETTLE_SECONDS} s to settle, then ${options.idle} s measured without load`);
    await sleep(IDLE_SETTLE_SECONDS * 1000);
    idle = await measureIdle({ ...context, processes, seconds: options.idle });
  }
  const withProcesses = { ...context, processes, idle };

  const results = [];
  const runRate = async (rate, seconds) => {
    await context.customers.refresh();
    console.log(`▶ ${rate} orders/s for ${seconds} s (open loop)`);
    const result = await measureRate({ ...withProcesses, rate, seconds, drainSeconds: options.drain });
    for (const line of rateLines(result)) console.log(line);
    results.push(result);
    return result;
  };
  let findMax;
  if (options.findMax) {
    const steps = [];
    for (let decision = decide(steps, options.findMaxOptions); decision.again; decision = decide(steps, options.findMaxOptions)) {
      const result = await runRate(decision.rate, options.stepDuration);
      result.verdict = judgeStep({ scheduled: result.scheduled, confirmed: result.confirmed, sagaP99Ms: result.sagaFromScheduledMs.p99 }, options.findMaxOptions);
      console.log(result.verdict.sustained ? '  ✔ sustained' : `  ✖ not sustained: ${result.verdict.reasons.join('; ')}`);
      steps.push(result);
    }
    findMax = { bestSustainedRate: decide(steps, options.findMaxOptions).best, ...options.findMaxOptions };
  } else {
    for (const rate of options.rates) await runRate(rate, options.duration);
  }

  if (idle) {
    const last = results.at(-1);
    for (const [name, entry] of Object.entries(idle.perProcess)) {
      entry.rssMbAtEnd = last?.rssMbAtEnd?.[name];
      entry.pssMbAtEnd = last?.pssMbAtEnd?.[name];
    }
  }
  return { idle, processNames: names, results, findMax };
}

function printReport(report) {
  const { idle, results, processNames, findMax, profiles } = report;
  if (idle) {
    console.log(`\nIdle (${formatNumber(idle.seconds, 1)} s; PostgreSQL ${formatNumber(idle.postgresTransactionsPerSecond, 1)} transactions/s; machine: ${machineText(idle.machine)}):\n`);
    console.log(idleTable(idle));
    if (results.length) console.log(`\n${appsMemoryLine(idle, apps.map((app) => app.name))}`);
  }
  if (results.length) {
    console.log('\nRates (saga: POST accepted → outcome event; CPU per order: every process of the stack, the client apart; in parentheses: above idle):\n');
    console.log(ratesTable(results));
    console.log('\nCPU ms per order, by process (in parentheses: above idle):\n');
    console.log(cpuTable(results, processNames));
  }
  if (findMax) {
    const best = findMax.bestSustainedRate;
    console.log(`\nfind-max: ${best === undefined ? 'no step was sustained' : `${best} orders/s sustained`} (saga p99 from scheduled ≤ ${findMax.p99LimitMs} ms, ≤ ${findMax.maxFailureRatio * 100}% not confirmed)`);
  }
  if (profiles) {
    console.log('\nCPU profiles of the measured windows (self time; open a .cpuprofile in Chrome DevTools or speedscope).');
    console.log('The apps ran under the profiler: the latencies and CPU above are inflated, compare runs without --profile.');
    for (const line of profileLines(profiles)) console.log(line);
  }
}
