// What the benchmark prints (Markdown tables, to paste into the README as they are) and the JSON
// it keeps in .local/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localPaths } from '../../infra/local/stack/paths.mjs';

export const benchFolder = join(localPaths.root, 'bench');

/** 87 ms, 1.25 s, 12.3 s; a dash when unknown. */
export function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

/** A number with `digits` decimals, a dash when unknown. */
export function formatNumber(value, digits = 0) {
  if (value === undefined || Number.isNaN(value)) return '–';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

export function markdownTable(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(cells[0]), line(widths.map((width) => '-'.repeat(width))), ...cells.slice(1).map(line)].join('\n');
}

/** `CONFIRMED 300, HTTP 503 2`, most frequent first. */
export function outcomesText(outcomes) {
  return Object.entries(outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, times]) => `${outcome} ${times}`)
    .join(', ');
}

const latencies = (summary) => [summary.p50, summary.p90, summary.p99, summary.max].map(formatMs).join(' / ');

/** One row per rate: outcomes and latencies (and, for --find-max, whether the step was sustained). */
export function ratesTable(results) {
  const verdicts = results.some((result) => result.verdict);
  const verdictOf = ({ verdict }) => (verdict.sustained ? 'yes' : `no: ${verdict.reasons.join('; ')}`);
  return markdownTable(
    [
      'Rate /s',
      'Achieved /s',
      'Outcomes',
      'POST p50 / p99',
      'Saga p50 / p90 / p99 / max',
      'Saga p99 from scheduled',
      'CPU ms/order (above idle)',
      'PG xacts/order (above idle)',
      'Machine busy',
      ...(verdicts ? ['Sustained'] : []),
    ],
    results.map((result) => [
      formatNumber(result.rate, 1),
      formatNumber(result.achievedPerSecond, 1),
      outcomesText(result.outcomes),
      `${formatMs(result.postMs.p50)} / ${formatMs(result.postMs.p99)}`,
      latencies(result.sagaFromAcceptedMs),
      formatMs(result.sagaFromScheduledMs.p99),
      withAboveIdle(result.cpuMsPerOrderTotal, result.cpuMsPerOrderAboveIdleTotal),
      withAboveIdle(result.postgresTransactionsPerOrder, result.postgresTransactionsPerOrderAboveIdle, 1),
      result.machine ? `${formatNumber(result.machine.busyShare * 100)}%` : '–',
      ...(verdicts ? [verdictOf(result)] : []),
    ]),
  );
}

/** `356 (290)`: all of it, and what the orders added above the idle stack. */
const withAboveIdle = (all, aboveIdle, digits = 0) => (aboveIdle === undefined ? formatNumber(all, digits) : `${formatNumber(all, digits)} (${formatNumber(aboveIdle, digits)})`);

/**
 * CPU ms per order of each process (columns) at each rate (rows), and in parentheses above the
 * idle stack's; the client apart, outside the total.
 */
export function cpuTable(results, names) {
  const cell = (result, name) => withAboveIdle(result.cpuMsPerOrder[name], result.cpuMsPerOrderAboveIdle?.[name]);
  return markdownTable(
    ['Rate /s', ...names, 'total', 'bench client'],
    results.map((result) => [
      formatNumber(result.rate, 1),
      ...names.map((name) => cell(result, name)),
      withAboveIdle(result.cpuMsPerOrderTotal, result.cpuMsPerOrderAboveIdleTotal),
      cell(result, 'bench'),
    ]),
  );
}

/** Idle: CPU ms per second, RSS and PSS of every process. */
export function idleTable(idle) {
  return markdownTable(
    ['Process', 'Idle CPU ms/s', 'RSS idle MB', 'RSS after the load MB', 'PSS after the load MB'],
    Object.entries(idle.perProcess).map(([name, { cpuMsPerSecond, rssMb, rssMbAtEnd, pssMbAtEnd }]) => [
      name,
      formatNumber(cpuMsPerSecond, 1),
      formatNumber(rssMb),
      formatNumber(rssMbAtEnd),
      formatNumber(pssMbAtEnd),
    ]),
  );
}

/**
 * The apps' memory together after the load: the sum of their RSS, which counts the pages they
 * share (the Node.js binary's) once in each, and of their PSS, which shares those out.
 */
export function appsMemoryLine(idle, appNames) {
  const sum = (field) => appNames.reduce((total, name) => total + (idle.perProcess[name]?.[field] ?? Number.NaN), 0);
  const rss = sum('rssMbAtEnd');
  const pss = sum('pssMbAtEnd');
  return `The ${appNames.length} apps together after the load: RSS ${formatNumber(rss)} MB (${formatNumber(rss / 1024, 2)} GiB), PSS ${formatNumber(pss)} MB (pages they share counted once)`;
}

/** The lines printed after each rate. */
export function rateLines(result) {
  const lines = [
    `  ${result.scheduled} orders at ${result.rate}/s: ${outcomesText(result.outcomes)}; ${formatNumber(result.achievedPerSecond, 2)} sagas ended/s; client ran at most ${formatMs(result.clientMaxLagMs)} behind its schedule`,
    `  POST /orders → 202 (from scheduled)    p50 ${formatMs(result.postMs.p50)}, p99 ${formatMs(result.postMs.p99)}`,
    `  saga, accepted → outcome event         p50 / p90 / p99 / max ${latencies(result.sagaFromAcceptedMs)}`,
    `  saga, scheduled → outcome event        p50 / p90 / p99 / max ${latencies(result.sagaFromScheduledMs)}`,
  ];
  if (result.cpuMsPerOrder) {
    const processes = Object.entries(result.cpuMsPerOrder).filter(([name]) => name !== 'bench');
    lines.push(
      `  CPU ms per order (${formatNumber(result.windowSeconds, 1)} s window): ${processes.map(([name, ms]) => `${name} ${formatNumber(ms)}`).join(', ')}; total ${withAboveIdle(result.cpuMsPerOrderTotal, result.cpuMsPerOrderAboveIdleTotal)}${result.cpuMsPerOrderAboveIdle ? ' (in parentheses: above idle)' : ''}; bench client ${formatNumber(result.cpuMsPerOrder.bench)}, not in the total`,
      `  PostgreSQL CPU ms per order, by backend database (background: checkpointer, WAL writer…; exited: connections closed in the window): ${Object.entries(result.postgresCpuMsPerOrderByRole)
        .sort((a, b) => b[1] - a[1])
        .map(([role, ms]) => `${role} ${formatNumber(ms, 1)}`)
        .join(', ')}`,
      `  machine: ${machineText(result.machine)}`,
      `  PostgreSQL transactions per order: ${withAboveIdle(result.postgresTransactionsPerOrder, result.postgresTransactionsPerOrderAboveIdle, 1)} (${byDatabaseText(result.postgresTransactionsPerOrderByDatabase, 1)})`,
      `  PostgreSQL rows read per order (rows of sequential scans, entries of index scans): ${formatNumber(result.postgresRowsReadPerOrder)} (${byDatabaseText(result.postgresRowsReadPerOrderByDatabase)})`,
    );
  }
  return lines;
}

/** `order_service 4.7, payment_service 6.1`: a value per service database. */
function byDatabaseText(byDatabase, digits) {
  return Object.entries(byDatabase)
    .map(([name, value]) => `${name} ${formatNumber(value, digits)}`)
    .join(', ');
}

/** `74% of all cores busy; ≈ 120 ms/s of CPU outside the measured processes …; steal 0 ms/s`. */
export function machineText(machine) {
  if (!machine) return 'unknown';
  return `${formatNumber(machine.busyShare * 100)}% of all cores busy; ≈ ${formatNumber(machine.otherCpuMsPerSecond)} ms/s of CPU outside the measured processes (kernel, other users; ± a few tens, the kernel's two counts differ); steal ${formatNumber(machine.stealMsPerSecond)} ms/s`;
}

/** Per app: where its profile is, self time by package and the top functions. */
export function profileLines(summaries, top = 8) {
  const lines = [];
  for (const summary of summaries) {
    if (summary.error) {
      lines.push(`  ${summary.app}: ${summary.error}`);
      continue;
    }
    lines.push(`  ${summary.app}: ${formatMs(summary.busyMs)} busy, ${formatMs(summary.idleMs)} idle; ${summary.file}`);
    const share = (entry) => `${(entry.share * 100).toFixed(1).padStart(5)}%  ${formatMs(entry.ms).padStart(8)}  ${entry.name}`;
    lines.push('    by package:', ...summary.packages.slice(0, top).map((entry) => `      ${share(entry)}`));
    lines.push('    top functions (self time):', ...summary.functions.slice(0, top).map((entry) => `      ${share(entry)}`));
  }
  return lines;
}

/** Writes the run's JSON into .local/bench/<timestamp>.json; returns its path. */
export function writeJsonReport(report) {
  mkdirSync(benchFolder, { recursive: true });
  const file = join(benchFolder, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
