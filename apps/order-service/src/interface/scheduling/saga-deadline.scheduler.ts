import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { ExpireSagaDeadlinesHandler } from '../../application/expire-saga-deadlines/expire-saga-deadlines.handler.js';
import { RepliesBacklog } from '../../application/ports/replies-backlog.js';
import type { Config } from '../../config.js';

/**
 * Runs the deadline sweep every SAGA_SWEEP_INTERVAL_MS, the first once the replies that waited for
 * this process are consumed. One sweep at a time per process (the next
 * is scheduled when the last ends); other replicas sweep too, and SKIP LOCKED keeps them apart.
 */
@Injectable()
export class SagaDeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly stopWaiting = new AbortController();

  constructor(
    private readonly sweeper: ExpireSagaDeadlinesHandler,
    private readonly backlog: RepliesBacklog,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.waitForWaitingReplies().finally(() => this.schedule());
  }

  /** Lets a sweep in progress finish its transaction, then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopWaiting.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * A deadline that ran out while this process was down may have been answered meanwhile: the
   * first sweep waits until the replies already in Kafka are consumed (within a bound).
   */
  private async waitForWaitingReplies(): Promise<void> {
    const maxWaitMs = this.config.SAGA_SWEEP_START_WAIT_MS;
    const result = await this.backlog.waitUntilConsumed(maxWaitMs, this.stopWaiting.signal);
    if (result === 'gave-up-waiting' && !this.stopped) {
      this.logger.warn({ code: 'ORDER.SAGA_SWEEP_STARTED_WITH_BACKLOG' }, `replies still waiting after ${maxWaitMs} ms; sweeping deadlines anyway`);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => this.schedule());
    }, this.config.SAGA_SWEEP_INTERVAL_MS);
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
