import type { PricedLine } from '../../domain/order/order-line.js';
import type { OrderStatus } from '../../domain/order/order-status.js';
import type { OrderChange } from '../../domain/saga/order-saga.js';
import type { SagaStepStatus } from '../../domain/saga/saga-state.js';
import type { OrderTransaction } from './order-transactions.js';

export interface NewOrder {
  readonly userId: string;
  readonly items: readonly PricedLine[];
  readonly totalCents: number;
  readonly currency: string;
  readonly paymentToken: string;
  readonly idempotencyKey: string | null;
}

export interface PlacedOrder {
  readonly orderId: string;
  readonly status: OrderStatus;
}

/** An order as GetOrder and ListOrders show it, its saga timeline included. */
export interface OrderView {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly items: readonly PricedLine[];
  readonly totalCents: number;
  readonly currency: string;
  readonly failureReason: string | null;
  readonly saga: readonly { readonly step: string; readonly status: SagaStepStatus; readonly at: Date }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Where a page of a user's orders ends: orders are listed newest first, ties broken by id. */
export interface OrderPosition {
  readonly createdAt: Date;
  readonly orderId: string;
}

/** Thrown by `insert` when the user already placed an order with this idempotency key. */
export class IdempotencyKeyTakenError extends Error {
  override readonly name = 'IdempotencyKeyTakenError';
}

export abstract class OrderStore {
  abstract findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<PlacedOrder | null>;
  /** Inserts the order (PENDING) and its lines; returns the new order id. */
  abstract insert(tx: OrderTransaction, order: NewOrder): Promise<string>;
  abstract applyChange(tx: OrderTransaction, orderId: string, change: OrderChange): Promise<void>;
  abstract findForUser(orderId: string, userId: string): Promise<OrderView | null>;
  /** Up to `limit` orders of the user, newest first, after `after` when given. */
  abstract listForUser(userId: string, after: OrderPosition | null, limit: number): Promise<OrderView[]>;
}
