// Killing and restarting one component of the running native stack, by the pid `stack:up`
// recorded, and starting it again with the very start function `stack:up` uses.
import { setTimeout as sleep } from 'node:timers/promises';
import { loadComponents, loadProcesses, type ProcessRecord, type StackComponent } from './stack-modules.js';

const READY_POLL_MS = 250;

async function componentNamed(name: string): Promise<StackComponent> {
  const { appComponents, nativeInfrastructure } = await loadComponents();
  const component = [...nativeInfrastructure, ...appComponents].find((candidate) => candidate.name === name);
  if (!component) throw new Error(`the native stack has no component named ${name}`);
  return component;
}

/** A graceful stop that takes longer than this fails the scenario. */
const GRACEFUL_STOP_LIMIT_MS = 60_000;

/**
 * Sends `signal` to the component's recorded process (`kill -9` by default; SIGTERM is a graceful
 * stop, as a rolling restart does it); resolves once the process is gone.
 */
export async function killComponent(name: string, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<ProcessRecord> {
  const processes = await loadProcesses();
  const record = processes.runningRecord(name);
  if (!record) throw new Error(`${name} is not running as a process of the stack (no live record in .local/pids/)`);
  process.kill(record.pid, signal);
  const deadline = Date.now() + GRACEFUL_STOP_LIMIT_MS;
  while (processes.isRunning(record)) {
    if (Date.now() > deadline) throw new Error(`${name} (pid ${record.pid}) still runs ${GRACEFUL_STOP_LIMIT_MS / 1000} s after ${signal}`);
    await sleep(20);
  }
  return record;
}

/** Starts the component as `stack:up` does and waits until its readiness probe answers; returns when it did. */
export async function startComponent(name: string, timeoutMs = 120_000): Promise<number> {
  const component = await componentNamed(name);
  await component.start();
  return waitUntilReady(component, timeoutMs);
}

/** Polls the readiness probe; fails at once, with the end of its log, when the process exits. */
async function waitUntilReady(component: StackComponent, timeoutMs: number): Promise<number> {
  const processes = await loadProcesses();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await component.isReady()) return Date.now();
    const record = processes.readRecord(component.name);
    if (record && !processes.isRunning(record)) {
      throw new Error(`${component.name} exited while starting; end of .local/logs/${component.name}.log:\n${processes.logTail(component.name)}`);
    }
    if (Date.now() > deadline) throw new Error(`${component.name} not ready ${timeoutMs / 1000} s after its start`);
    await sleep(READY_POLL_MS);
  }
}

/**
 * Every component of the stack runs and is ready: what a scenario that failed halfway (killed a
 * component, then threw) leaves behind is started again, so the tests after it find the stack whole.
 */
export async function ensureStackRunning(): Promise<string[]> {
  const { appComponents, nativeInfrastructure } = await loadComponents();
  const processes = await loadProcesses();
  const started: string[] = [];
  for (const component of [...nativeInfrastructure, ...appComponents]) {
    if (processes.runningRecord(component.name)) continue;
    await startComponent(component.name);
    started.push(component.name);
  }
  return started;
}

/** Components of the stack whose process is gone, each with the error its log ends with. */
export async function exitedComponents(): Promise<Array<{ name: string; lastError: string }>> {
  const { appComponents, nativeInfrastructure } = await loadComponents();
  const processes = await loadProcesses();
  return [...nativeInfrastructure, ...appComponents]
    .filter((component) => !processes.runningRecord(component.name))
    .map((component) => {
      const lines = processes.logTail(component.name, 200).split('\n');
      const lastError = lines.findLast((line) => /^\w*Error\b|^error:|"level":(50|60)/.test(line.trim())) ?? lines.at(-1) ?? '';
      return { name: component.name, lastError: lastError.trim().slice(0, 300) };
    });
}

/** The pids of those of the named components that run. */
export async function runningPids(names: string[]): Promise<number[]> {
  const processes = await loadProcesses();
  return names.flatMap((name) => {
    const record = processes.runningRecord(name);
    return record ? [record.pid] : [];
  });
}
