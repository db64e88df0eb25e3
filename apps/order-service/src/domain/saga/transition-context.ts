import type { SagaStep } from '@shop/contracts/messages';
import type { AppliedTransition, IgnoredTransition, OrderSaga, SagaOrder, StepLogEntry } from './order-saga.js';
import type { SagaStepStatus } from './saga-state.js';
import type { SagaTimings } from './saga-timings.js';

/** Everything a transition reads: the saga, its order, the clock and the timings. */
export interface TransitionContext {
  readonly saga: OrderSaga;
  readonly order: SagaOrder;
  readonly now: Date;
  readonly timings: SagaTimings;
}

export function logEntry(context: TransitionContext, step: SagaStep, status: SagaStepStatus, detail: string | null = null): StepLogEntry {
  return { step, status, at: context.now, detail };
}

export function ignored(saga: OrderSaga, ignoredBecause: string): IgnoredTransition {
  return { applied: false, saga, ignoredBecause };
}

/** An applied transition; what is not given does not change. */
export function applied(saga: OrderSaga, parts: Partial<Omit<AppliedTransition, 'applied' | 'saga'>>): AppliedTransition {
  return { applied: true, saga, log: parts.log ?? [], commands: parts.commands ?? [], order: parts.order ?? null, outcome: parts.outcome ?? null };
}
