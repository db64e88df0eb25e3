import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@shop/bootstrap';
import { ExpireSagaDeadlinesHandler } from '../../application/expire-saga-deadlines/expire-saga-deadlines.handler.js';
import { RepliesBacklog } from '../../application/ports/replies-backlog.js';
import type { Config } from '../../config.js';

/**
 * Runs the deadline sweep every SAGA_SWEEP_INTERVAL_MS, the first once the replies that waited for
 * this process are consumed. One sweep at a time per process; other replicas sweep too, and
 * SKIP LOCKED keeps them apart.
 */
@Injectable()
export class SagaDeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineScheduler.name);
  private readonly task: PeriodicTask;
  private readonly stopWaiting = new AbortController();

  constructor(
    private readonly sweeper: ExpireSagaDeadlinesHandler,
    private readonly backlog: RepliesBacklog,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), config.SAGA_SWEEP_INTERVAL_MS);
  }

  onApplicationBootstrap(): void {
    this.task.start(this.waitForWaitingReplies());
  }

  /** Lets a sweep in progress finish its transaction, then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.stopWaiting.abort();
    await this.task.stop();
  }

  /**
   * A deadline that ran out while this process was down may have been answered meanwhile: the
   * first sweep waits until the replies already in Kafka are consumed (within a bound).
   */
  private async waitForWaitingReplies(): Promise<void> {
    const maxWaitMs = this.config.SAGA_SWEEP_START_WAIT_MS;
    const result = await this.backlog.waitUntilConsumed(maxWaitMs, this.stopWaiting.signal);
    if (result === 'gave-up-waiting' && !this.stopWaiting.signal.aborted) {
      this.logger.warn({ code: 'ORDER.SAGA_SWEEP_STARTED_WITH_BACKLOG' }, `replies still waiting after ${maxWaitMs} ms; sweeping deadlines anyway`);
    }
  }

  private async sweep(): Promise<void> {
    try {
      await this.sweeper.sweepOnce();
    } catch (error) {
      // The database may be briefly away; the deadlines are still there for the next sweep.
      this.logger.error({ code: 'ORDER.SAGA_SWEEP_FAILED', err: error }, 'saga deadline sweep failed');
    }
  }
}
