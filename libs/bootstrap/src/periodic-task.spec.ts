import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  it('runs one at a time: a slow run is never overlapped by the next', async () => {
    let inFlight = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const task = new PeriodicTask(async () => {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await sleep(30);
      inFlight -= 1;
      runs += 1;
    }, 5);
    task.start();
    await sleep(200);
    await task.stop();
    assert.equal(mostAtOnce, 1);
    assert.ok(runs >= 3, `${runs} runs`);
  });

  it('waits for what it was told to wait for before the first run, and goes on after a run that throws', async () => {
    let release: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const task = new PeriodicTask(async () => {
      runs += 1;
      throw new Error('a bad run');
    }, 5);
    task.start(ready);
    await sleep(50);
    assert.equal(runs, 0);
    release();
    await sleep(60);
    await task.stop();
    assert.ok(runs >= 2, `${runs} runs`);
  });

  it('lets the run in progress finish on stop, and starts no other', async () => {
    let finished = 0;
    let started = 0;
    const task = new PeriodicTask(async () => {
      started += 1;
      await sleep(40);
      finished += 1;
    }, 1);
    task.start();
    await sleep(15);
    await task.stop();
    assert.equal(finished, started);
    await sleep(30);
    assert.equal(started, finished);
  });
});
