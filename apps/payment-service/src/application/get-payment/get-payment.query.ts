import { Injectable } from '@nestjs/common';
import type { Payment } from '../../domain/payment.js';
import { PaymentError } from '../../domain/payment.errors.js';
import { PaymentStore } from '../ports/payment-store.js';

/** Where the payment of an order stands, for operators and tests. */
@Injectable()
export class GetPaymentQuery {
  constructor(private readonly payments: PaymentStore) {}

  async execute(orderId: string): Promise<Payment> {
    const payment = await this.payments.findByOrderId(orderId);
    if (!payment) throw new PaymentError('PAYMENT.NOT_FOUND', `no payment was attempted for order ${orderId}`);
    return payment;
  }
}
