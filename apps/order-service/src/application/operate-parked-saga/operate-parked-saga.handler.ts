import { Injectable } from '@nestjs/common';
import type { SagaState } from '../../domain/saga/saga-state.js';
import { SagaProgress } from '../advance-saga/saga-progress.js';
import { OrderTransactions } from '../ports/order-transactions.js';
import { SagaStore, type ParkedSaga } from '../ports/saga.store.js';

/** retry: send the pending compensations again. resolve: they were done by hand; cancel the order. */
export type ParkedSagaAction = { readonly kind: 'retry' } | { readonly kind: 'resolve'; readonly note: string };

export type ParkedSagaOutcome =
  | { readonly kind: 'done'; readonly from: SagaState; readonly to: SagaState }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-parked'; readonly state: SagaState };

/**
 * An operator's hand on a saga parked in FAILED_COMPENSATION, without SQL: the same machine, the
 * same transaction and the same outbox as a participant's reply, so the timeline says who did what.
 */
@Injectable()
export class OperateParkedSagaHandler {
  constructor(
    private readonly transactions: OrderTransactions,
    private readonly sagas: SagaStore,
    private readonly progress: SagaProgress,
  ) {}

  async execute(orderId: string, action: ParkedSagaAction): Promise<ParkedSagaOutcome> {
    const result = await this.transactions.run(async (tx) => {
      const locked = await this.sagas.lockByOrderId(tx, orderId);
      if (!locked) return null;
      const event = action.kind === 'retry' ? ({ kind: 'operator-retry' } as const) : ({ kind: 'operator-resolved', note: action.note } as const);
      return { locked, transition: await this.progress.advance(tx, locked, event, { correlationId: orderId }) };
    });
    if (!result) return { kind: 'not-found' };
    const { locked, transition } = result;
    if (!transition.applied) return { kind: 'not-parked', state: locked.saga.state };
    this.progress.report(locked, transition, `operator ${action.kind}`);
    return { kind: 'done', from: locked.saga.state, to: transition.saga.state };
  }

  /** The parked sagas, longest parked first. */
  listParked(limit = 100): Promise<ParkedSaga[]> {
    return this.sagas.findParked(limit);
  }
}
