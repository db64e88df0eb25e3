// One measurement: the idle stack, or one rate. The CPU window of a rate runs from the first
// arrival until a second after the last saga ended (or the wait for stragglers ran out), so it
// holds all the work of the orders, and little else.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { arrivalOffsets, runOpenLoop } from './open-loop.mjs';
import { placeOrder } from './load.mjs';
import { countsBetween, STATS_FLUSH_MS } from './postgres-stats.mjs';
import { cpuMsBetween, machineCpuBetween, postgresCpuMsBetween, sampleProcesses } from './proc-cpu.mjs';
import { count, summarize } from './stats.mjs';

const AFTER_LAST_END_MS = 1000;
const PROGRESS_EVERY_MS = 5000;

/** CPU ms per second, RSS and PSS of each process, and PostgreSQL transactions per second, with no load. */
export async function measureIdle({ seconds, processes, postgres, ticksPerSecond }) {
  const before = sampleProcesses(processes);
  const countersBefore = await postgres.counters();
  await sleep(seconds * 1000);
  const after = sampleProcesses(processes);
  const transactions = countsBetween(countersBefore.transactions, (await postgres.counters()).transactions);
  const elapsedSeconds = (after.at - before.at) / 1000;
  const cpuMs = cpuMsBetween(before, after, ticksPerSecond);
  const perProcess = Object.fromEntries(
    processes.map(({ name }) => [name, { cpuMsPerSecond: divide(cpuMs[name], elapsedSeconds), rssMb: megabytes(after.byName[name].rssKb), pssMb: megabytes(after.byName[name].pssKb) }]),
  );
  const measuredMs = Object.values(cpuMs).reduce((sum, ms) => sum + (ms ?? 0), 0);
  const machine = machineCpuBetween(before, after, ticksPerSecond, measuredMs);
  return { seconds: elapsedSeconds, perProcess, postgresTransactionsPerSecond: transactions.total / elapsedSeconds, machine };
}

/**
 * Places orders at `rate` per second for `seconds` (open loop), waits up to `drainSeconds` after
 * the last arrival for the sagas to end, and measures. `measured: false` (a warm-up) skips the
 * CPU and PostgreSQL readings.
 */
export async function measureRate({ rate, seconds, drainSeconds, tokens, sku, traceAll, sagas, processes, postgres, ticksPerSecond, idle, measured = true }) {
  const offsets = arrivalOffsets(rate, seconds);
  const orders = offsets.map(() => ({}));
  const before = measured ? sampleProcesses(processes) : undefined;
  const windowStartUs = monotonicMicroseconds();
  const countersBefore = measured ? await postgres.counters() : undefined;

  const started = performance.now();
  const progress = setInterval(() => {
    const sent = orders.filter((order) => order.scheduledAt !== undefined).length;
    const accepted = orders.filter((order) => order.orderId).length;
    const ended = orders.filter((order) => order.orderId && sagas.endOf(order.orderId)).length;
    console.log(`    ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s: ${sent}/${orders.length} sent, ${accepted} accepted, ${ended} sagas ended`);
  }, PROGRESS_EVERY_MS);
  let loop;
  try {
    loop = await runOpenLoop(offsets, (index, scheduledAt) => {
      const order = orders[index];
      order.scheduledAt = scheduledAt;
      return placeOrder(tokens[index % tokens.length], sku, { traceAll }).then((answer) => Object.assign(order, answer));
    });
    await Promise.all(loop.calls);
    const acceptedIds = orders.filter((order) => order.orderId).map((order) => order.orderId);
    await sagas.waitForEnds(acceptedIds, loop.startAt + offsets.at(-1) + drainSeconds * 1000);
  } finally {
    clearInterval(progress);
  }

  const outcomes = {};
  const postMs = [];
  const sagaFromAcceptedMs = [];
  const sagaFromScheduledMs = [];
  let lastEnd = 0;
  let ended = 0;
  for (const order of orders) {
    const end = order.orderId ? sagas.endOf(order.orderId) : undefined;
    if (order.error) count(outcomes, `no answer (${order.error})`);
    else if (order.status !== 202) count(outcomes, `HTTP ${order.status}`);
    else if (!end) count(outcomes, 'UNFINISHED');
    else count(outcomes, end.outcome);
    if (order.status === 202) postMs.push(order.answeredAt - order.scheduledAt);
    if (end) {
      ended += 1;
      lastEnd = Math.max(lastEnd, end.at);
      sagaFromAcceptedMs.push(end.at - order.answeredAt);
      sagaFromScheduledMs.push(end.at - order.scheduledAt);
    }
  }
  const result = {
    rate,
    seconds,
    scheduled: orders.length,
    confirmed: outcomes.CONFIRMED ?? 0,
    ended,
    outcomes,
    // Sagas ended per second, from the first arrival to the last end (plus the one arrival
    // interval that n arrivals take beyond the span between the first and the last).
    achievedPerSecond: ended ? ended / ((lastEnd - loop.startAt) / 1000 + 1 / rate) : 0,
    clientMaxLagMs: loop.maxLagMs,
    postMs: summarize(postMs),
    sagaFromAcceptedMs: summarize(sagaFromAcceptedMs),
    sagaFromScheduledMs: summarize(sagaFromScheduledMs),
  };
  if (!measured) return result;

  await sleep(Math.max(0, lastEnd + AFTER_LAST_END_MS - performance.now()));
  const after = sampleProcesses(processes);
  // On the clock of V8's CPU profiles, to keep only the samples of this window (--profile).
  result.monotonicWindowUs = [windowStartUs, monotonicMicroseconds()];
  const cpuMs = cpuMsBetween(before, after, ticksPerSecond);
  // The last second of PostgreSQL's counters reaches pg_stat_database only after a while.
  await sleep(Math.max(0, lastEnd + STATS_FLUSH_MS - performance.now()));
  const countersAfter = await postgres.counters();
  const transactions = countsBetween(countersBefore.transactions, countersAfter.transactions);
  const rowsRead = countsBetween(countersBefore.rowsRead, countersAfter.rowsRead);
  const transactionSeconds = (performance.now() - before.at) / 1000;
  const perOrder = (value) => divide(value, ended);
  const stackNames = processes.filter((process) => process.kind !== 'client').map(({ name }) => name);
  const total = (byName) => stackNames.reduce((sum, name) => sum + (Number.isFinite(byName[name]) ? byName[name] : 0), 0);
  result.windowSeconds = (after.at - before.at) / 1000;
  result.cpuMsPerSecond = Object.fromEntries(processes.map(({ name }) => [name, divide(cpuMs[name], result.windowSeconds)]));
  result.cpuMsPerOrder = Object.fromEntries(processes.map(({ name }) => [name, perOrder(cpuMs[name])]));
  result.cpuMsPerOrderTotal = perOrder(total(cpuMs));
  result.machine = machineCpuBetween(before, after, ticksPerSecond, total(cpuMs) + (cpuMs.bench ?? 0));
  const postgresByRole = postgresCpuMsBetween(before, after, ticksPerSecond) ?? {};
  result.postgresCpuMsPerOrderByRole = Object.fromEntries(Object.entries(postgresByRole).map(([role, ms]) => [role, perOrder(ms)]));
  result.rssMbAtEnd = Object.fromEntries(processes.filter((process) => process.pid).map(({ name }) => [name, megabytes(after.byName[name].rssKb)]));
  result.pssMbAtEnd = Object.fromEntries(processes.filter((process) => process.pid).map(({ name }) => [name, megabytes(after.byName[name].pssKb)]));
  const perOrderByDatabase = ({ byDatabase }) => Object.fromEntries(Object.entries(byDatabase).map(([name, value]) => [name, perOrder(value)]));
  result.postgresTransactionsPerOrder = perOrder(transactions.total);
  result.postgresTransactionsPerOrderByDatabase = perOrderByDatabase(transactions);
  result.postgresRowsReadPerOrder = perOrder(rowsRead.total);
  result.postgresRowsReadPerOrderByDatabase = perOrderByDatabase(rowsRead);
  if (idle) {
    // What the orders added to what the stack burns anyway (its idle rate over the same window).
    const added = Object.fromEntries(processes.map(({ name }) => [name, cpuMs[name] - (idle.perProcess[name]?.cpuMsPerSecond ?? 0) * result.windowSeconds]));
    result.cpuMsPerOrderAboveIdle = Object.fromEntries(processes.map(({ name }) => [name, perOrder(added[name])]));
    result.cpuMsPerOrderAboveIdleTotal = perOrder(total(added));
    result.postgresTransactionsPerOrderAboveIdle = perOrder(transactions.total - idle.postgresTransactionsPerSecond * transactionSeconds);
  }
  return result;
}

/** CLOCK_MONOTONIC in µs: the clock of the startTime of a .cpuprofile, in every process. */
function monotonicMicroseconds() {
  return Number(process.hrtime.bigint() / 1000n);
}

function divide(value, by) {
  return value === undefined || !by ? undefined : value / by;
}

function megabytes(kb) {
  return kb === undefined ? undefined : kb / 1024;
}
