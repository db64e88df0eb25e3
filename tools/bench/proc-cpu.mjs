// CPU time and memory of the stack's processes, read from /proc (Linux). CPU is counted in clock
// ticks (utime + stime of /proc/<pid>/stat, every thread included); two samples give the CPU each
// process spent between them, which, unlike wall-clock time, barely depends on what else the
// machine is doing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { apps } from '../../libs/topology/src/topology.mjs';
import { runningRecord } from '../../infra/local/stack/processes.mjs';

/**
 * The fields of /proc/<pid>/stat that matter here. The command name is in parentheses and may
 * hold spaces or parentheses itself, so fields are counted from the last ')'.
 */
export function parseProcStat(text) {
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 of proc(5) (state): field n is fields[n - 3].
  const field = (n) => Number(fields[n - 3]);
  return {
    pid: Number(text.slice(0, text.indexOf(' '))),
    comm: text.slice(text.indexOf('(') + 1, close),
    state: fields[0],
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
    starttime: field(22),
  };
}

/** VmRSS of /proc/<pid>/status, in kB; undefined when absent (a zombie). */
export function parseVmRssKb(statusText) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(statusText);
  return match ? Number(match[1]) : undefined;
}

/**
 * CPU ticks of a family of processes (all of one command name, such as PostgreSQL's postmaster
 * and its backends), counting the ones that exited: their time lives on in their parent's
 * cutime/cstime once it reaped them. So the difference of two samples includes backends that
 * came and went between them, exactly, as long as the parent (the postmaster) stays.
 */
export function familyTicks(stats) {
  const pids = new Set(stats.map((stat) => stat.pid));
  let ticks = 0;
  for (const stat of stats) {
    ticks += stat.utime + stat.stime;
    if (!pids.has(stat.ppid)) ticks += stat.cutime + stat.cstime;
  }
  return ticks;
}

/**
 * What a PostgreSQL process does, from the title it sets (`postgres: 15/main: order_service
 * order_service 127.0.0.1(47224) idle`): the database of a client backend, `background` for the
 * checkpointer, WAL writer and the like, `postmaster` for the server itself.
 */
export function postgresRoleOf(cmdline) {
  const title = cmdline.replace(/\0/g, ' ').trim();
  if (!title.startsWith('postgres:')) return 'postmaster';
  const activity = title.split(': ').at(-1);
  const backend = /^(\S+) \S+ (?:\S+\(\d+\)|\[local\])/.exec(activity);
  return backend ? backend[1] : 'background';
}

/**
 * How the CPU of a family between two samples divides: by role (`roleOf` of each process) for
 * the processes alive at the end, and `exited` for what the ones that ended in between spent
 * in the window. Ticks; the parts add up to the difference of familyTicks.
 */
export function familyTicksByRole(before, after, roleOf) {
  const byRole = {};
  const started = new Map(before.map((stat) => [stat.pid, stat]));
  let alive = 0;
  for (const stat of after) {
    const earlier = started.get(stat.pid);
    const spent = stat.utime + stat.stime - (earlier?.starttime === stat.starttime ? earlier.utime + earlier.stime : 0);
    const role = roleOf(stat);
    byRole[role] = (byRole[role] ?? 0) + spent;
    alive += spent;
  }
  byRole.exited = familyTicks(after) - familyTicks(before) - alive;
  return byRole;
}

/**
 * The machine's CPU from the `cpu` line of /proc/stat (all cores, in clock ticks): busy (user,
 * nice, system, irq, softirq), idle (idle, iowait) and steal (taken by the hypervisor for others).
 */
export function parseMachineCpu(procStatText) {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = /^cpu\s+(.*)$/m.exec(procStatText)[1].trim().split(/\s+/).map(Number);
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal: steal ?? 0 };
}

/** Kernel clock ticks per second (`getconf CLK_TCK`), 100 on almost every Linux. */
export function clockTicksPerSecond() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function readStat(pid) {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Pss of /proc/<pid>/smaps_rollup, in kB: the process's resident pages, each page it shares with
 * others counted in proportion (the six apps share the Node.js binary's pages, about 60 MB that
 * RSS counts in full in each). Undefined when absent.
 */
export function parsePssKb(smapsRollupText) {
  const match = /^Pss:\s+(\d+)\s+kB/m.exec(smapsRollupText);
  return match ? Number(match[1]) : undefined;
}

function readPssKb(pid) {
  try {
    return parsePssKb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {
    return undefined;
  }
}

function readRssKb(pid) {
  try {
    return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

function processesNamed(comm) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.comm !== comm) continue;
    try {
      stat.cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      stat.cmdline = '';
    }
    found.push(stat);
  }
  return found;
}

/**
 * What is measured: the six apps, Kafka and the MongoDB stand-in (by the pids the stack
 * recorded), the machine's PostgreSQL and Redis (every process of that name), and this process.
 * Throws, naming what is missing, when the stack does not run.
 */
export function stackProcesses() {
  if (!existsSync('/proc/self/stat')) throw new Error('CPU is read from /proc: the benchmark runs on Linux only');
  const recorded = (name, kind) => {
    const record = runningRecord(name);
    if (!record) throw new Error(`${name} does not run (no live pid in .local/pids/): start the stack with \`npm run stack:up\``);
    return { name, kind, pid: record.pid };
  };
  return [
    ...apps.map((app) => recorded(app.name, 'app')),
    recorded('kafka', 'infrastructure'),
    recorded('mongo', 'infrastructure'),
    { name: 'postgres', kind: 'infrastructure', comm: 'postgres' },
    { name: 'redis', kind: 'infrastructure', comm: 'redis-server' },
    { name: 'bench', kind: 'client', pid: process.pid },
  ];
}

/** CPU ticks (and RSS and PSS for single processes) of each process, now. */
export function sampleProcesses(processes) {
  const at = performance.now();
  const byName = {};
  for (const target of processes) {
    if (target.comm) {
      const family = processesNamed(target.comm);
      byName[target.name] = { ticks: family.length ? familyTicks(family) : undefined, family };
    } else {
      const stat = readStat(target.pid);
      byName[target.name] = { ticks: stat ? stat.utime + stat.stime : undefined, starttime: stat?.starttime, rssKb: readRssKb(target.pid), pssKb: readPssKb(target.pid) };
    }
  }
  let machine;
  try {
    machine = parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
  } catch {
    machine = undefined;
  }
  return { at, byName, machine };
}

/**
 * How busy the whole machine was between two samples (share of all cores), and the CPU ms per
 * second spent outside `measuredMs` (the processes measured): kernel threads, other users.
 */
export function machineCpuBetween(before, after, ticksPerSecond, measuredMs) {
  if (!before.machine || !after.machine) return undefined;
  const ticks = (field) => after.machine[field] - before.machine[field];
  const seconds = (after.at - before.at) / 1000;
  const busyMs = (ticks('busy') * 1000) / ticksPerSecond;
  return {
    busyShare: ticks('busy') / (ticks('busy') + ticks('idle') + ticks('steal')),
    otherCpuMsPerSecond: (busyMs - measuredMs) / seconds,
    stealMsPerSecond: (ticks('steal') * 1000) / ticksPerSecond / seconds,
  };
}

/** CPU ms of PostgreSQL between two samples, by database of the backends, background processes and exited ones. */
export function postgresCpuMsBetween(before, after, ticksPerSecond) {
  const [start, end] = [before.byName.postgres?.family, after.byName.postgres?.family];
  if (!start?.length || !end?.length) return undefined;
  const byRole = familyTicksByRole(start, end, (stat) => postgresRoleOf(stat.cmdline));
  return Object.fromEntries(Object.entries(byRole).map(([role, ticks]) => [role, (ticks * 1000) / ticksPerSecond]));
}

/**
 * CPU ms each process spent between two samples; undefined for a process that was not there at
 * both, or was restarted in between (another start time).
 */
export function cpuMsBetween(before, after, ticksPerSecond) {
  const result = {};
  for (const [name, end] of Object.entries(after.byName)) {
    const start = before.byName[name];
    const sameProcess = start?.ticks !== undefined && end.ticks !== undefined && start.starttime === end.starttime;
    result[name] = sameProcess ? ((end.ticks - start.ticks) * 1000) / ticksPerSecond : undefined;
  }
  return result;
}
