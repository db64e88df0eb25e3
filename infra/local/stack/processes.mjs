// The processes the stack starts: detached, logging to .local/logs/<name>.log, and recorded in
// .local/pids/<name>.json with their start time, so that `down` never signals a process that
// merely reuses a recorded pid.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { localPaths, logFileOf, repositoryRoot } from './paths.mjs';
import { StackError } from './stack-error.mjs';

// Every start appends this line to the log, so that an error shows only the latest run.
const START_LINE_PREFIX = '\n=== ';

const recordFileOf = (name) => join(localPaths.pids, `${name}.json`);

/**
 * When the process started, as the kernel tells it: a pid is reused, a pid plus its start time
 * is not. undefined when no such process runs.
 */
export function startMarkerOf(pid) {
  return existsSync('/proc/self/stat') ? startMarkerFromProc(pid) : startMarkerFromPs(pid);
}

function startMarkerFromProc(pid) {
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd, starttime the 22nd.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** For systems without /proc (macOS). */
function startMarkerFromPs(pid) {
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Starts `command` detached from this script: it outlives `stack:up`, until `stack:down`. */
export function startDetached(name, command, args, { env = {} } = {}) {
  mkdirSync(localPaths.logs, { recursive: true });
  mkdirSync(localPaths.pids, { recursive: true });
  const logFile = logFileOf(name);
  appendFileSync(logFile, `${START_LINE_PREFIX}${new Date().toISOString()} starting ${name}: ${command} ${args.join(' ')}\n`);
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // A command that cannot be executed (java not installed) leaves no pid and emits 'error'.
  child.on('error', () => undefined);
  if (child.pid === undefined) throw new StackError(`cannot start ${name}: ${command} was not found or cannot be executed`);
  child.unref();
  const record = { name, pid: child.pid, startMarker: startMarkerOf(child.pid), command: [command, ...args], startedAt: new Date().toISOString() };
  writeFileSync(recordFileOf(name), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

export function readRecord(name) {
  const file = recordFileOf(name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export const forgetRecord = (name) => rmSync(recordFileOf(name), { force: true });

/** The recorded process is still the one we started (same pid and same start time). */
export function isRunning(record) {
  return Boolean(record?.pid) && record.startMarker !== undefined && startMarkerOf(record.pid) === record.startMarker;
}

/** The record of a process of ours that still runs; a stale record is deleted. */
export function runningRecord(name) {
  const record = readRecord(name);
  if (isRunning(record)) return record;
  if (record) forgetRecord(name);
  return undefined;
}

/** SIGTERM, then SIGKILL once `deadlineMs` has passed. Resolves when the process is gone. */
export async function stopProcess(record, deadlineMs) {
  if (!isRunning(record)) return 'not running';
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    await sleep(100);
    if (!isRunning(record)) return 'stopped';
  }
  process.kill(record.pid, 'SIGKILL');
  while (isRunning(record)) await sleep(50);
  return `killed after ${deadlineMs / 1000} s`;
}

/** The last lines a component logged since its latest start, for an error message. */
export function logTail(name, lines = 30) {
  const file = logFileOf(name);
  if (!existsSync(file)) return '';
  const log = readFileSync(file, 'utf8');
  const latestRun = log.slice(Math.max(0, log.lastIndexOf(START_LINE_PREFIX)));
  return latestRun.trim().split('\n').slice(-lines).join('\n');
}
