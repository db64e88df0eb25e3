// Undoing what the saga did, in reverse: void the authorization, release the reservation. The
// commands are sent again with a growing delay until both are acknowledged; a saga whose
// compensations are never acknowledged is parked in FAILED_COMPENSATION for an operator, and still
// finishes if the acknowledgements come in later.
import type { OrderCancellationReason, SagaStep } from '@shop/contracts/messages';
import { COMPENSATION_FAILED_REASON } from '../order/order-status.js';
import type { AppliedTransition, StepLogEntry } from './order-saga.js';
import { commandFor, isCompensationStep, STEP_UNDONE_BY, type CompensationStep } from './saga-commands.js';
import { orderCancelled } from './saga-outcomes.js';
import { compensationRetryDelayMs, later } from './saga-timings.js';
import { applied, logEntry, type TransitionContext } from './transition-context.js';

/** Starts compensating: `failures` says which step failed and why, `steps` what must be undone. */
export function beginCompensation(
  context: TransitionContext,
  reason: OrderCancellationReason,
  failures: readonly StepLogEntry[],
  steps: readonly CompensationStep[],
): AppliedTransition {
  const { saga, order, now, timings } = context;
  return applied(
    {
      ...saga,
      state: 'COMPENSATING',
      pendingSteps: steps,
      stepDeadlineAt: later(now, compensationRetryDelayMs(timings, 1)),
      giveUpAt: null,
      compensationAttempts: 1,
      cancellationReason: reason,
      lastError: describeFailures(reason, failures),
    },
    {
      log: [...failures, ...steps.map((step) => logEntry(context, step, 'STARTED'))],
      commands: steps.map((step) => commandFor(step, saga.sagaId, order)),
    },
  );
}

/** A participant confirmed a compensation; the last one cancels the order. */
export function compensationAcknowledged(context: TransitionContext, step: CompensationStep): AppliedTransition {
  const { saga, order } = context;
  const pendingSteps = saga.pendingSteps.filter((pending) => pending !== step);
  const log = [logEntry(context, step, 'SUCCEEDED'), logEntry(context, STEP_UNDONE_BY[step], 'COMPENSATED')];
  if (pendingSteps.length > 0) return applied({ ...saga, pendingSteps }, { log });

  const reason = saga.cancellationReason;
  if (reason === null) throw new Error(`saga ${saga.sagaId} compensated without a cancellation reason`);
  return applied(
    { ...saga, state: 'CANCELLED', pendingSteps: [], stepDeadlineAt: null },
    { log, order: { status: 'CANCELLED', failureReason: reason }, outcome: orderCancelled(order, reason) },
  );
}

/** No acknowledgement in time: send the pending compensations again, or park the saga. */
export function compensationDeadlineExpired(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  if (saga.compensationAttempts >= timings.maxCompensationAttempts) return parkSaga(context);

  const attempt = saga.compensationAttempts + 1;
  const detail = `attempt ${attempt} of ${timings.maxCompensationAttempts}`;
  return applied(
    { ...saga, compensationAttempts: attempt, stepDeadlineAt: later(now, compensationRetryDelayMs(timings, attempt)) },
    {
      log: saga.pendingSteps.map((step) => logEntry(context, step, 'STARTED', detail)),
      commands: saga.pendingSteps.map((step) => commandFor(step, saga.sagaId, order)),
    },
  );
}

/** An operator sends a parked saga's compensations again, with a fresh round of attempts. */
export function retryParkedCompensation(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  return applied(
    { ...saga, state: 'COMPENSATING', compensationAttempts: 1, stepDeadlineAt: later(now, compensationRetryDelayMs(timings, 1)) },
    {
      log: saga.pendingSteps.map((step) => logEntry(context, step, 'STARTED', 'sent again by an operator')),
      commands: saga.pendingSteps.map((step) => commandFor(step, saga.sagaId, order)),
      order: { failureReason: null },
    },
  );
}

/**
 * An operator has undone by hand what the participants never acknowledged (voided at the card
 * gateway, released the units) and says so: the saga ends as an acknowledgement would have ended it.
 */
export function resolveParkedCompensation(context: TransitionContext, note: string): AppliedTransition {
  const { saga, order } = context;
  const reason = saga.cancellationReason;
  if (reason === null) throw new Error(`saga ${saga.sagaId} was parked without a cancellation reason`);
  const log = saga.pendingSteps.flatMap((step) =>
    isCompensationStep(step)
      ? [logEntry(context, step, 'SUCCEEDED', `resolved by an operator: ${note}`), logEntry(context, STEP_UNDONE_BY[step], 'COMPENSATED')]
      : [],
  );
  return applied(
    { ...saga, state: 'CANCELLED', pendingSteps: [], stepDeadlineAt: null, lastError: null },
    { log, order: { status: 'CANCELLED', failureReason: reason }, outcome: orderCancelled(order, reason) },
  );
}

/**
 * The saga cannot finish by itself. The order stays PENDING, marked COMPENSATION_FAILED, because
 * calling it CANCELLED would tell the customer that the money and the stock are back.
 */
function parkSaga(context: TransitionContext): AppliedTransition {
  const { saga } = context;
  const detail = `not acknowledged after ${saga.compensationAttempts} attempts`;
  return applied(
    { ...saga, state: 'FAILED_COMPENSATION', stepDeadlineAt: null, lastError: `${saga.pendingSteps.join(', ')} ${detail}` },
    {
      log: saga.pendingSteps.map((step: SagaStep) => logEntry(context, step, 'FAILED', detail)),
      order: { failureReason: COMPENSATION_FAILED_REASON },
    },
  );
}

function describeFailures(reason: OrderCancellationReason, failures: readonly StepLogEntry[]): string {
  const steps = failures.map((failure) => `${failure.step}${failure.detail ? ` (${failure.detail})` : ''}`);
  return `${reason}: ${steps.join(', ')}`;
}
