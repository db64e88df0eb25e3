// Waits until components answer their readiness probe, printing each one as it becomes ready.
// A component whose process exits, or that is not ready by the deadline, fails the wait with
// the tail of its log, or, when its log says that one of its ports was taken, with the message
// of the check before the start, naming the variable that moves the port.
import { setTimeout as sleep } from 'node:timers/promises';
import { PortInUseError, portInUseFromLog } from './ports.mjs';
import { isRunning, logTail, readRecord } from './processes.mjs';
import { StackError } from './stack-error.mjs';

const POLL_INTERVAL_MS = 500;
const PROGRESS_INTERVAL_MS = 10_000;

export async function waitUntilReady(components, { timeoutMs, startedAt = Date.now() }) {
  const waiting = new Set(components);
  const deadline = Date.now() + timeoutMs;
  let nextProgress = Date.now() + PROGRESS_INTERVAL_MS;
  while (waiting.size > 0) {
    await Promise.all([...waiting].map((component) => checkOnce(component, waiting, startedAt)));
    if (waiting.size === 0) break;
    if (Date.now() > deadline) throw notReadyError([...waiting], timeoutMs);
    if (Date.now() > nextProgress) {
      console.log(`  … still waiting for ${[...waiting].map((component) => component.name).join(', ')}`);
      nextProgress += PROGRESS_INTERVAL_MS;
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

async function checkOnce(component, waiting, startedAt) {
  if (await component.isReady()) {
    waiting.delete(component);
    console.log(`  ✔ ${component.name} ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    return;
  }
  // External components (docker) have no record; ours must still be running.
  const record = readRecord(component.name);
  if (record && !isRunning(record)) {
    throw (
      bindFailureOf(component) ??
      new StackError(`${component.name} exited during start-up; the end of .local/logs/${component.name}.log:`, { logTail: logTail(component.name) })
    );
  }
}

/**
 * A port can be taken between the check before the start and the component's own listen (on
 * Linux, by the local end of any outgoing connection when the port is in the ephemeral range),
 * or be held on an address the check does not probe.
 */
export function bindFailureOf(component) {
  const found = portInUseFromLog(logTail(component.name, Infinity), component.ports ?? []);
  if (!found) return undefined;
  return new PortInUseError({
    port: found.port,
    variable: found.variable,
    component: component.label,
    atListen: true,
    logTail: `  .local/logs/${component.name}.log: ${found.line}`,
  });
}

function notReadyError(components, timeoutMs) {
  const failure = components.map(bindFailureOf).find(Boolean);
  if (failure) return failure;
  const names = components.map((component) => component.name).join(', ');
  const tails = components.map((component) => `--- .local/logs/${component.name}.log (end)\n${logTail(component.name)}`).join('\n');
  return new StackError(`not ready within ${timeoutMs / 1000} s: ${names}`, { logTail: tails });
}
