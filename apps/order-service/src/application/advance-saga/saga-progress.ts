import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessageContext } from '@shop/contracts';
import { CorrelationContext } from '@shop/observability';
import { advanceOrderSaga } from '../../domain/saga/order-saga.machine.js';
import type { SagaEvent, SagaTransition } from '../../domain/saga/order-saga.js';
import type { SagaTimings } from '../../domain/saga/saga-timings.js';
import { ordersCounter, sagaCompensationFailures } from '../order.metrics.js';
import { Clock } from '../ports/clock.js';
import { OrderStore } from '../ports/order.store.js';
import type { OrderTransaction } from '../ports/order-transactions.js';
import { SagaStore, type LockedSaga } from '../ports/saga.store.js';
import { SAGA_TIMINGS } from '../saga-timings.token.js';
import { SagaOutbox } from './saga-outbox.js';

/**
 * Feeds one event to a locked saga and persists the machine's answer in the caller's transaction:
 * saga row and timeline, order row, commands and outcome event in the outbox. Shared by the reply
 * handler and the deadline sweeper, so both advance a saga the same way.
 */
@Injectable()
export class SagaProgress {
  private readonly logger = new Logger(SagaProgress.name);

  constructor(
    private readonly sagas: SagaStore,
    private readonly orders: OrderStore,
    private readonly outbox: SagaOutbox,
    private readonly clock: Clock,
    @Inject(SAGA_TIMINGS) private readonly timings: SagaTimings,
  ) {}

  async advance(tx: OrderTransaction, locked: LockedSaga, event: SagaEvent, context: MessageContext): Promise<SagaTransition> {
    const transition = advanceOrderSaga({ saga: locked.saga, order: locked.order, now: this.clock.now(), timings: this.timings }, event);
    if (!transition.applied) return transition;
    await this.sagas.save(tx, locked, transition);
    if (transition.order) await this.orders.applyChange(tx, locked.order.orderId, transition.order);
    await this.outbox.write(tx, transition, context);
    return transition;
  }

  /** Logs and counts a transition once its transaction has committed (a rolled-back one never happened). */
  report(locked: LockedSaga, transition: SagaTransition, cause: string): void {
    CorrelationContext.run(locked.order.orderId, () => this.logAndCount(locked, transition, cause));
  }

  private logAndCount(locked: LockedSaga, transition: SagaTransition, cause: string): void {
    const { orderId } = locked.order;
    if (!transition.applied) {
      this.logger.warn({ orderId, sagaId: locked.saga.sagaId, state: locked.saga.state }, `${cause} ignored for order ${orderId}: ${transition.ignoredBecause}`);
      return;
    }
    const { saga } = transition;
    const status = transition.order?.status;
    const line = { orderId, sagaId: saga.sagaId, from: locked.saga.state, to: saga.state };
    const text = `saga of order ${orderId}: ${locked.saga.state} -> ${saga.state} (${cause})`;
    // Info for the outcome, debug for the steps on the way: a line per message at info level was a
    // measurable share of the CPU per order (README "Benchmarks"); LOG_LEVEL=debug shows them all.
    if (status === 'CONFIRMED' || status === 'REJECTED' || status === 'CANCELLED') {
      this.logger.log(line, text);
      ordersCounter.add({ outcome: status });
    } else {
      this.logger.debug(line, text);
    }
    if (saga.state === 'FAILED_COMPENSATION' && locked.saga.state !== 'FAILED_COMPENSATION') this.reportParked(locked, transition);
  }

  private reportParked(locked: LockedSaga, transition: Extract<SagaTransition, { applied: true }>): void {
    const { saga } = transition;
    if (saga.cancellationReason) sagaCompensationFailures.add({ reason: saga.cancellationReason });
    this.logger.error(
      { code: 'ORDER.COMPENSATION_FAILED', orderId: locked.order.orderId, sagaId: saga.sagaId, pendingSteps: saga.pendingSteps, lastError: saga.lastError },
      `ORDER.COMPENSATION_FAILED: the saga of order ${locked.order.orderId} is parked in FAILED_COMPENSATION for an operator (${saga.lastError})`,
    );
  }
}
