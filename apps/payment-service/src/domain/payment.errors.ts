/** Stable codes: they cross process boundaries (gRPC messages, dead-letter records, logs). */
export type PaymentErrorCode =
  /** No payment was attempted for the order. */
  | 'PAYMENT.NOT_FOUND'
  /** Capture of a payment that was declined or voided: nothing authorized is left to capture. */
  | 'PAYMENT.NOT_CAPTURABLE'
  /** Void of a captured payment: the money moved, only a refund (not supported) could undo it. */
  | 'PAYMENT.NOT_VOIDABLE';

/** A payment rule said no. A value with a code, mapped to gRPC status and to dead letters in one place each. */
export class PaymentError extends Error {
  override readonly name = 'PaymentError';

  constructor(
    readonly code: PaymentErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
