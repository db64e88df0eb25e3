import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExpireSagaDeadlinesHandler } from '../../application/expire-saga-deadlines/expire-saga-deadlines.handler.js';
import { RepliesBacklog } from '../../application/ports/replies-backlog.js';
import type { Config } from '../../config.js';
import { SagaDeadlineScheduler } from './saga-deadline.scheduler.js';

class ControlledBacklog extends RepliesBacklog {
  private release: (result: 'consumed' | 'gave-up-waiting') => void = () => undefined;
  readonly asked: number[] = [];
  waitUntilConsumed(maxWaitMs: number, signal: AbortSignal): Promise<'consumed' | 'gave-up-waiting'> {
    this.asked.push(maxWaitMs);
    return new Promise((resolve) => {
      this.release = resolve;
      signal.addEventListener('abort', () => resolve('gave-up-waiting'));
    });
  }
  consumed(): void {
    this.release('consumed');
  }
}

function schedulerWith(backlog: RepliesBacklog) {
  const sweeps: number[] = [];
  const sweeper = { sweepOnce: async () => void sweeps.push(Date.now()) } as unknown as ExpireSagaDeadlinesHandler;
  const config = { SAGA_SWEEP_INTERVAL_MS: 10, SAGA_SWEEP_START_WAIT_MS: 5_000 } as Config;
  return { scheduler: new SagaDeadlineScheduler(sweeper, backlog, config), sweeps };
}

describe('SagaDeadlineScheduler', () => {
  it('sweeps no deadline until the replies waiting at start-up are consumed', async () => {
    const backlog = new ControlledBacklog();
    const { scheduler, sweeps } = schedulerWith(backlog);
    scheduler.onApplicationBootstrap();
    await sleep(100);
    assert.deepEqual(backlog.asked, [5_000]);
    assert.equal(sweeps.length, 0, 'no sweep while replies wait');

    backlog.consumed();
    await sleep(100);
    assert.ok(sweeps.length >= 2, `then it sweeps every interval (${sweeps.length} sweeps)`);
    await scheduler.onApplicationShutdown();
  });

  it('stops while still waiting, without sweeping', async () => {
    const { scheduler, sweeps } = schedulerWith(new ControlledBacklog());
    scheduler.onApplicationBootstrap();
    await scheduler.onApplicationShutdown();
    await sleep(50);
    assert.equal(sweeps.length, 0);
  });
});
