import { defineErrors, serviceErrorClass } from '@shop/errors';

/** What a payment rule refuses, and the kind of each (which @shop/errors maps to a gRPC status). */
export const PAYMENT_ERRORS = defineErrors({
  /** No payment was attempted for the order. */
  'PAYMENT.NOT_FOUND': 'NOT_FOUND',
  /** Capture of a payment that was declined or voided: nothing authorized is left to capture. */
  'PAYMENT.NOT_CAPTURABLE': 'FAILED_PRECONDITION',
  /** Void of a captured payment: the money moved, only a refund (not supported) could undo it. */
  'PAYMENT.NOT_VOIDABLE': 'FAILED_PRECONDITION',
});
export type PaymentErrorCode = keyof typeof PAYMENT_ERRORS;

/** A payment rule said no. Its message is the code alone (what clients see); `detail` is for the logs. */
export class PaymentError extends serviceErrorClass(PAYMENT_ERRORS, 'code') {}
