import { ORDER_CANCELLATION_REASONS } from '@shop/contracts';
import { defineCounter } from '@shop/observability';
import { ORDER_OUTCOMES } from '../domain/order/order-status.js';

/** orders_total{outcome}: how orders end. */
export const ordersCounter = defineCounter('orders', { outcome: ORDER_OUTCOMES }, 'Orders by final outcome.');

/** saga_compensation_failures_total{reason}: sagas parked in FAILED_COMPENSATION, each waiting for an operator. */
export const sagaCompensationFailures = defineCounter(
  'saga_compensation_failures',
  { reason: ORDER_CANCELLATION_REASONS },
  'Sagas whose compensations were not acknowledged after every retry, by the reason the order was being cancelled.',
);
