import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuMsBetween, familyTicks, familyTicksByRole, machineCpuBetween, parseMachineCpu, parsePssKb, parseProcStat, parseVmRssKb, postgresRoleOf } from './proc-cpu.mjs';

// A real line of /proc/<pid>/stat, with a command name that holds a space and a parenthesis.
const statLine =
  '2205 (post gres) x) S 1 2205 2205 0 -1 4194304 71735 4550152 0 92 25 271 3671 6062 20 0 1 0 3510 222445568 7387 18446744073709551615 94270903156736 94270908613081 140733086853200 0 0 0 0 24129536 84487 1 0 0 17 1 0 0 0 0 0 94270911092816 94270911310538 94271912529920 140733086858910 140733086859032 140733086859032 140733086859220 0\n';

const stat = (pid, ppid, utime, stime = 0, cutime = 0, cstime = 0) => ({ pid, ppid, utime, stime, cutime, cstime });

describe('parseProcStat', () => {
  it('reads the fields after the last parenthesis', () => {
    assert.deepEqual(parseProcStat(statLine), {
      pid: 2205,
      comm: 'post gres) x',
      state: 'S',
      ppid: 1,
      utime: 25,
      stime: 271,
      cutime: 3671,
      cstime: 6062,
      starttime: 3510,
    });
  });
});

describe('parsePssKb', () => {
  it('reads Pss of smaps_rollup in kB, not Pss_Anon or Pss_File', () => {
    const rollup = '55c3a000-7ffd1000 ---p 00000000 00:00 0   [rollup]\nRss:              179092 kB\nPss:              126451 kB\nPss_Anon:         100000 kB\nPss_File:          26451 kB\n';
    assert.equal(parsePssKb(rollup), 126451);
  });

  it('is undefined without a Pss line (a process that exited)', () => {
    assert.equal(parsePssKb(''), undefined);
  });
});

describe('parseVmRssKb', () => {
  it('reads VmRSS in kB', () => {
    assert.equal(parseVmRssKb('Name:\tnode\nVmPeak:\t 1000 kB\nVmRSS:\t  168784 kB\nThreads:\t11\n'), 168784);
  });

  it('is undefined when there is none (a zombie)', () => {
    assert.equal(parseVmRssKb('Name:\tnode\nState:\tZ (zombie)\n'), undefined);
  });
});

describe('familyTicks', () => {
  it('adds the live processes and what the root already reaped from its children', () => {
    assert.equal(familyTicks([stat(10, 1, 5, 1, 100, 20), stat(11, 10, 3, 2, 7, 7)]), 5 + 1 + 100 + 20 + 3 + 2);
  });

  it('counts a backend that exited between two samples exactly once', () => {
    const before = [stat(10, 1, 10, 0, 100), stat(11, 10, 5)];
    // Backend 11 ran 2 more ticks, then exited; the postmaster reaped it (its 7 ticks join cutime).
    // Backend 12 started and is still running.
    const after = [stat(10, 1, 12, 0, 107), stat(12, 10, 4)];
    assert.equal(familyTicks(after) - familyTicks(before), 2 + 2 + 4);
  });
});

describe('cpuMsBetween', () => {
  const sample = (byName) => ({ at: 0, byName });

  it('converts ticks to ms', () => {
    const result = cpuMsBetween(sample({ app: { ticks: 100, starttime: 7 } }), sample({ app: { ticks: 150, starttime: 7 } }), 100);
    assert.deepEqual(result, { app: 500 });
  });

  it('refuses a process that restarted or vanished in between', () => {
    const result = cpuMsBetween(
      sample({ restarted: { ticks: 100, starttime: 7 }, gone: { ticks: 3, starttime: 1 } }),
      sample({ restarted: { ticks: 20, starttime: 9 }, gone: { ticks: undefined } }),
      100,
    );
    assert.deepEqual(result, { restarted: undefined, gone: undefined });
  });
});

describe('postgresRoleOf', () => {
  it('names the database of a client backend, whatever it is doing', () => {
    assert.equal(postgresRoleOf('postgres: 15/main: order_service order_service 127.0.0.1(47224) idle\0'), 'order_service');
    assert.equal(postgresRoleOf('postgres: payment_service payment_service 127.0.0.1(37870) UPDATE'), 'payment_service');
    assert.equal(postgresRoleOf('postgres: 15/main: postgres postgres [local] idle'), 'postgres');
  });

  it('tells background processes and the postmaster apart', () => {
    assert.equal(postgresRoleOf('postgres: 15/main: checkpointer                     '), 'background');
    assert.equal(postgresRoleOf('postgres: 15/main: logical replication launcher'), 'background');
    assert.equal(postgresRoleOf('/usr/lib/postgresql/15/bin/postgres\0-D\0/var/lib/postgresql/15/main\0'), 'postmaster');
  });
});

describe('familyTicksByRole', () => {
  const process = (pid, ppid, utime, role, starttime = 1, cutime = 0) => ({ pid, ppid, utime, stime: 0, cutime, cstime: 0, starttime, role });
  const roleOf = (stat) => stat.role;

  it('splits the family delta into the roles of live processes and what exited ones spent', () => {
    const before = [process(10, 1, 100, 'postmaster', 1, 50), process(11, 10, 20, 'order_service'), process(12, 10, 5, 'payment_service')];
    // 11 ran 3 more ticks; 12 ran 4 more and exited (reaped: 9 joins cutime); 13 is new with 6.
    const after = [process(10, 1, 101, 'postmaster', 1, 59), process(11, 10, 23, 'order_service'), process(13, 10, 6, 'order_service', 2)];
    const byRole = familyTicksByRole(before, after, roleOf);
    assert.deepEqual(byRole, { postmaster: 1, order_service: 9, exited: 4 });
    assert.equal(Object.values(byRole).reduce((sum, ticks) => sum + ticks, 0), familyTicks(after) - familyTicks(before));
  });
});

describe('parseMachineCpu', () => {
  it('sums the busy, idle and steal ticks of all cores', () => {
    assert.deepEqual(parseMachineCpu('cpu  718541 0 173291 918579 3243 0 7067 896 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n'), {
      busy: 718541 + 173291 + 7067,
      idle: 918579 + 3243,
      steal: 896,
    });
  });
});

describe('machineCpuBetween', () => {
  it('gives the busy share and the CPU outside the measured processes', () => {
    const before = { at: 0, machine: { busy: 1000, idle: 5000, steal: 0 } };
    const after = { at: 2000, machine: { busy: 1300, idle: 5100, steal: 0 } };
    // 300 ticks busy of 400 in 2 s at 100 ticks/s: 3000 ms, of which 2400 ms were measured.
    assert.deepEqual(machineCpuBetween(before, after, 100, 2400), { busyShare: 0.75, otherCpuMsPerSecond: 300, stealMsPerSecond: 0 });
  });
});
