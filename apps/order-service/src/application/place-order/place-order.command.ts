import type { RequestedLine } from '../../domain/order/order-line.js';

/** A validated order request: 1..50 lines of distinct SKUs, 1..1000 units each, a known payment token. */
export interface PlaceOrderCommand {
  readonly userId: string;
  readonly items: readonly RequestedLine[];
  readonly paymentToken: string;
  /** The client's Idempotency-Key; null when it sent none. */
  readonly idempotencyKey: string | null;
}
