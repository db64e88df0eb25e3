import { Inject, Injectable } from '@nestjs/common';
import { SagaProgress } from '../advance-saga/saga-progress.js';
import { Clock } from '../ports/clock.js';
import { OrderTransactions } from '../ports/order-transactions.js';
import { SagaStore } from '../ports/saga.store.js';

/** Injection token: how many sagas one sweep advances at most. */
export const SAGA_SWEEP_BATCH_SIZE = Symbol('SAGA_SWEEP_BATCH_SIZE');

/**
 * Feeds expired step deadlines into the saga machine: a step that got no reply in time counts as
 * failed, a compensation not yet acknowledged is sent again. One transaction per saga, each
 * claiming its saga with FOR UPDATE SKIP LOCKED, so replicas sweep side by side and a slow saga
 * never holds back the others. Nothing lives in memory: after a crash the next sweep finds the
 * same deadlines in the database.
 */
@Injectable()
export class ExpireSagaDeadlinesHandler {
  constructor(
    private readonly transactions: OrderTransactions,
    private readonly sagas: SagaStore,
    private readonly progress: SagaProgress,
    private readonly clock: Clock,
    @Inject(SAGA_SWEEP_BATCH_SIZE) private readonly batchSize: number,
  ) {}

  /** Advances every saga whose deadline has passed, up to the batch size; returns how many it advanced. */
  async sweepOnce(): Promise<number> {
    let advanced = 0;
    while (advanced < this.batchSize && (await this.expireNext())) advanced += 1;
    return advanced;
  }

  private async expireNext(): Promise<boolean> {
    const result = await this.transactions.run(async (tx) => {
      const locked = await this.sagas.lockNextDue(tx, this.clock.now());
      if (!locked) return null;
      const transition = await this.progress.advance(tx, locked, { kind: 'deadline-expired' }, { correlationId: locked.order.orderId });
      // A deadline the machine does not act on must not be picked up again on every sweep.
      if (!transition.applied) await this.sagas.clearDeadline(tx, locked);
      return { locked, transition };
    });
    if (!result) return false;
    this.progress.report(result.locked, result.transition, 'step deadline expired');
    return true;
  }
}
