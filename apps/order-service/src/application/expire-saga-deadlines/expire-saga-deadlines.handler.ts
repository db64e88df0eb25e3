import { Inject, Injectable, Logger } from '@nestjs/common';
import { SagaProgress } from '../advance-saga/saga-progress.js';
import { Clock } from '../ports/clock.js';
import { OrderTransactions } from '../ports/order-transactions.js';
import { SagaStore } from '../ports/saga.store.js';

/** Injection token: how many sagas one sweep advances at most. */
export const SAGA_SWEEP_BATCH_SIZE = Symbol('SAGA_SWEEP_BATCH_SIZE');

/** How long a saga that failed to advance waits before a sweep tries it again. */
export const FAILED_SAGA_RETRY_DELAY_MS = 30_000;

/**
 * Feeds expired step deadlines into the saga machine: a silent step's commands are sent again, a
 * saga past its business deadline gives up, a compensation not yet acknowledged is sent again.
 * One transaction per saga, each claiming its saga with FOR UPDATE SKIP LOCKED, so replicas sweep
 * side by side and a slow saga never holds back the others. A saga that fails to advance is
 * skipped for the rest of the sweep and postponed, so it cannot hold back the ones behind it.
 * Nothing lives in memory: after a crash the next sweep finds the same deadlines in the database.
 */
@Injectable()
export class ExpireSagaDeadlinesHandler {
  private readonly logger = new Logger(ExpireSagaDeadlinesHandler.name);

  constructor(
    private readonly transactions: OrderTransactions,
    private readonly sagas: SagaStore,
    private readonly progress: SagaProgress,
    private readonly clock: Clock,
    @Inject(SAGA_SWEEP_BATCH_SIZE) private readonly batchSize: number,
  ) {}

  /** Advances every saga whose deadline has passed, up to the batch size; returns how many it advanced. */
  async sweepOnce(): Promise<number> {
    const failed = new Set<string>();
    let advanced = 0;
    while (advanced + failed.size < this.batchSize) {
      const result = await this.expireNext(failed);
      if (result === 'none') break;
      if (result === 'advanced') advanced += 1;
    }
    return advanced;
  }

  private async expireNext(failed: Set<string>): Promise<'advanced' | 'failed' | 'none'> {
    let sagaId: string | undefined;
    try {
      const result = await this.transactions.run(async (tx) => {
        const locked = await this.sagas.lockNextDue(tx, this.clock.now(), failed);
        if (!locked) return null;
        sagaId = locked.saga.sagaId;
        const transition = await this.progress.advance(tx, locked, { kind: 'deadline-expired' }, { correlationId: locked.order.orderId });
        // A deadline the machine does not act on must not be picked up again on every sweep.
        if (!transition.applied) await this.sagas.clearDeadline(tx, locked);
        return { locked, transition };
      });
      if (!result) return 'none';
      this.progress.report(result.locked, result.transition, 'step deadline expired');
      return 'advanced';
    } catch (error) {
      // Before a saga was locked, the database itself failed: the whole sweep waits for the next.
      if (sagaId === undefined) throw error;
      failed.add(sagaId);
      await this.postpone(sagaId, error);
      return 'failed';
    }
  }

  private async postpone(sagaId: string, error: unknown): Promise<void> {
    const until = new Date(this.clock.now().getTime() + FAILED_SAGA_RETRY_DELAY_MS);
    this.logger.error({ code: 'ORDER.SAGA_ADVANCE_FAILED', sagaId, err: error }, `saga ${sagaId} failed to advance; tried again after ${until.toISOString()}`);
    await this.transactions.run((tx) => this.sagas.postponeDeadline(tx, sagaId, until));
  }
}
