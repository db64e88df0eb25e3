import type { AppliedTransition, OrderSaga, SagaOrder } from '../../domain/saga/order-saga.js';
import type { OrderTransaction } from './order-transactions.js';

/** A saga read under a row lock, with what it reads of its order and the version it was read at. */
export interface LockedSaga {
  readonly saga: OrderSaga;
  readonly order: SagaOrder;
  readonly version: number;
}

/** Thrown by `save` when the saga changed since it was read; the caller's transaction is retried. */
export class ConcurrentSagaChangeError extends Error {
  override readonly name = 'ConcurrentSagaChangeError';
}

/** A saga parked in FAILED_COMPENSATION, as an operator sees it. */
export interface ParkedSaga {
  readonly orderId: string;
  readonly sagaId: string;
  readonly cancellationReason: string | null;
  readonly pendingSteps: readonly string[];
  readonly lastError: string | null;
  readonly parkedSince: Date;
}

export abstract class SagaStore {
  /** Records a new saga and the first lines of its timeline. */
  abstract insert(tx: OrderTransaction, orderId: string, start: AppliedTransition): Promise<void>;
  /** The order's saga, locked until the transaction ends; null when the order has none. */
  abstract lockByOrderId(tx: OrderTransaction, orderId: string): Promise<LockedSaga | null>;
  /**
   * One saga whose step deadline is at or before `now`, locked; sagas another transaction holds are
   * skipped, so several sweepers (replicas) never advance the same saga twice, and so are those in
   * `skipping` (the ones this sweep failed to advance).
   */
  abstract lockNextDue(tx: OrderTransaction, now: Date, skipping?: ReadonlySet<string>): Promise<LockedSaga | null>;
  /** Writes the new saga state (checking the version read) and appends the transition's log lines. */
  abstract save(tx: OrderTransaction, locked: LockedSaga, transition: AppliedTransition): Promise<void>;
  /** Clears a deadline nothing waits for any more, so the sweeper stops picking the saga up. */
  abstract clearDeadline(tx: OrderTransaction, locked: LockedSaga): Promise<void>;
  /** Moves a due saga's deadline to `until`, so the next sweeps try the others first. */
  abstract postponeDeadline(tx: OrderTransaction, sagaId: string, until: Date): Promise<void>;
  /** The parked sagas, longest parked first. */
  abstract findParked(limit: number): Promise<ParkedSaga[]>;
}
