// The chaos table: one row per scenario (orders, outcomes, each invariant, recovery time), a
// legend of the invariants, and the evidence of every one that failed. Markdown, aligned, so that
// it reads in a terminal and pastes into a README.
import { INVARIANT_LEGEND } from './invariants.js';
import type { ScenarioReport } from './run-scenario.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const STATUS_ORDER = ['CONFIRMED', 'REJECTED', 'CANCELLED', 'PENDING'];

export function outcomesOf(report: ScenarioReport): string {
  const counts = STATUS_ORDER.filter((status) => report.outcomes[status]).map((status) => `${report.outcomes[status]} ${status}`);
  if (report.retried) counts.push(`${report.retried} taken on retry`);
  if (report.refused.length) counts.push(`${report.refused.length} never taken`);
  return counts.join(', ');
}

export function recoveryOf(report: ScenarioReport): string {
  return report.recoveryMs === null ? 'never' : seconds(report.recoveryMs);
}

export function formatReportTable(reports: ScenarioReport[]): string {
  const invariantNames = [...new Set(reports.flatMap((report) => report.invariants.map((invariant) => invariant.name)))];
  const header = ['scenario', 'orders', 'outcomes', ...invariantNames, 'recovery', 'slowest order'];
  const rows = reports.map((report) => [
    report.title,
    String(report.orders),
    outcomesOf(report),
    ...invariantNames.map((name) => {
      const invariant = report.invariants.find((candidate) => candidate.name === name);
      return invariant === undefined ? '' : invariant.ok ? '✔' : '✖';
    }),
    recoveryOf(report),
    seconds(report.slowestOrderMs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];

  lines.push(
    '',
    'recovery: from the fault healed (component ready again, last connection cut; for the burst, the last order taken) to the last order terminal.',
    'slowest order: the longest any order took from placed to terminal.',
  );
  for (const name of invariantNames) lines.push(`${name}: ${INVARIANT_LEGEND[name] ?? ''}`);
  const failures = reports.flatMap((report) => report.invariants.filter((invariant) => !invariant.ok).map((invariant) => `✖ ${report.title}, ${invariant.name}: ${invariant.detail}`));
  if (failures.length) lines.push('', ...failures);
  return lines.join('\n');
}

/** One scenario in a few lines: the fault, the outcomes, each invariant with what was found. */
export function formatReport(report: ScenarioReport): string {
  return [
    `${report.title}: ${report.orders} orders (${outcomesOf(report)}), recovery ${recoveryOf(report)}, slowest order ${seconds(report.slowestOrderMs)}, scenario ${seconds(report.durationMs)}`,
    `  fault: ${report.heal.detail}`,
    ...report.invariants.map((invariant) => `  ${invariant.ok ? '✔' : '✖'} ${invariant.name}: ${invariant.detail}`),
    ...(report.refused.length ? [`  never taken: ${report.refused.slice(0, 3).join('; ')}`] : []),
  ].join('\n');
}
