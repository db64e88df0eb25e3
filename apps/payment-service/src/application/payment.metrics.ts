import { PAYMENT_DECLINE_REASONS } from '@shop/contracts';
import { defineCounter } from '@shop/observability';
import type { PaymentStatus } from '../domain/payment.js';

const PAYMENT_OUTCOMES = ['AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED'] as const satisfies readonly PaymentStatus[];

/** payments_total{outcome}: each payment change, counted once (a redelivered command changes nothing and counts nothing). */
export const paymentsCounter = defineCounter('payments', { outcome: PAYMENT_OUTCOMES }, 'Payments by the status a command moved them to.');

/** payment_failures_total{reason}: declined authorizations by their bounded reason. */
export const paymentFailuresCounter = defineCounter('payment_failures', { reason: PAYMENT_DECLINE_REASONS }, 'Declined payment authorizations by reason.');
