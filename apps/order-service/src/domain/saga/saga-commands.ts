import {
  AuthorizePaymentCommand,
  CapturePaymentCommand,
  CommitReservationCommand,
  ReleaseStockCommand,
  ReserveStockCommand,
  VoidPaymentCommand,
  type SagaStep,
} from '@shop/contracts/messages';
import type { SagaOrder } from './order-saga.js';
import type { SagaCommand } from './saga-messages.js';

export type CompensationStep = 'VOID_PAYMENT' | 'RELEASE_STOCK';

/** The forward step each compensation undoes: logged COMPENSATED once the compensation is acknowledged. */
export const STEP_UNDONE_BY: Readonly<Record<CompensationStep, SagaStep>> = {
  VOID_PAYMENT: 'AUTHORIZE_PAYMENT',
  RELEASE_STOCK: 'RESERVE_STOCK',
};

export function isCompensationStep(step: SagaStep): step is CompensationStep {
  return step in STEP_UNDONE_BY;
}

/**
 * The command that runs `step` for this saga. A step sent again builds the same payload, and the
 * participants deduplicate on (sagaId, step), so a re-send never does the work twice.
 */
export function commandFor(step: SagaStep, sagaId: string, order: SagaOrder): SagaCommand {
  const fields = { sagaId, orderId: order.orderId };
  switch (step) {
    case 'RESERVE_STOCK':
      return { definition: ReserveStockCommand, payload: { ...fields, step, items: order.items.map(({ sku, quantity }) => ({ sku, quantity })) } };
    case 'AUTHORIZE_PAYMENT':
      return {
        definition: AuthorizePaymentCommand,
        payload: { ...fields, step, userId: order.userId, amountCents: order.totalCents, currency: order.currency, paymentToken: order.paymentToken },
      };
    case 'COMMIT_RESERVATION':
      return { definition: CommitReservationCommand, payload: { ...fields, step } };
    case 'CAPTURE_PAYMENT':
      return { definition: CapturePaymentCommand, payload: { ...fields, step } };
    case 'VOID_PAYMENT':
      return { definition: VoidPaymentCommand, payload: { ...fields, step } };
    case 'RELEASE_STOCK':
      return { definition: ReleaseStockCommand, payload: { ...fields, step } };
  }
}
