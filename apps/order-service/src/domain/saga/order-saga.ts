import type { OrderCancellationReason, SagaStep } from '@shop/contracts/messages';
import type { PricedLine } from '../order/order-line.js';
import type { OrderStatus } from '../order/order-status.js';
import type { OrderOutcomeEvent, SagaCommand, SagaReply } from './saga-messages.js';
import type { SagaState, SagaStepStatus } from './saga-state.js';

/** The persisted state of one order's saga: everything the machine needs to decide the next move. */
export interface OrderSaga {
  readonly sagaId: string;
  readonly state: SagaState;
  /** The steps whose reply the saga waits for; a reply for any other step is late or a duplicate. */
  readonly pendingSteps: readonly SagaStep[];
  /** When the pending steps' commands are sent again, or the saga gives up; null when none runs. */
  readonly stepDeadlineAt: Date | null;
  /** Sends of the pending forward step's commands (reserve, authorize, or commit and capture). */
  readonly stepAttempts: number;
  /**
   * Before the pivot only: when a participant's silence cancels the order (the business deadline).
   * Null once the saga has passed the pivot: from then on it only goes forward.
   */
  readonly giveUpAt: Date | null;
  readonly compensationAttempts: number;
  /** Set when compensation starts: the reason the order is cancelled with once it is done. */
  readonly cancellationReason: OrderCancellationReason | null;
  readonly lastError: string | null;
}

/** What the saga reads of its order. */
export interface SagaOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly paymentToken: string;
  readonly items: readonly PricedLine[];
  readonly totalCents: number;
  readonly currency: string;
}

/**
 * What moves a saga: a participant's reply, the sweeper finding the step deadline passed, or an
 * operator acting on a parked saga (send its compensations again, or record that they were done by hand).
 */
export type SagaEvent =
  | { readonly kind: 'reply'; readonly reply: SagaReply }
  | { readonly kind: 'deadline-expired' }
  | { readonly kind: 'operator-retry' }
  | { readonly kind: 'operator-resolved'; readonly note: string };

/** One line of the saga's timeline, shown by GetOrder. */
export interface StepLogEntry {
  readonly step: SagaStep;
  readonly status: SagaStepStatus;
  readonly at: Date;
  readonly detail: string | null;
}

/** What changes on the order row. */
export interface OrderChange {
  /** The prices the inventory charged when it reserved the stock. */
  readonly pricing?: { readonly items: readonly PricedLine[]; readonly totalCents: number; readonly currency: string };
  readonly status?: OrderStatus;
  readonly failureReason?: string | null;
}

/** The machine's answer to one event; the application layer persists it in one transaction. */
export type SagaTransition = AppliedTransition | IgnoredTransition;

export interface AppliedTransition {
  readonly applied: true;
  readonly saga: OrderSaga;
  readonly log: readonly StepLogEntry[];
  readonly commands: readonly SagaCommand[];
  readonly order: OrderChange | null;
  /** The order outcome event, once the saga has ended (the notify step). */
  readonly outcome: OrderOutcomeEvent | null;
}

/** A late or duplicate reply, or a deadline that has not passed: nothing changes. */
export interface IgnoredTransition {
  readonly applied: false;
  readonly saga: OrderSaga;
  readonly ignoredBecause: string;
}
