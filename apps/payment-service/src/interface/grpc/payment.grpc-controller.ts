import { Controller, UseInterceptors } from '@nestjs/common';
import { paymentV1 } from '@shop/contracts';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';
import { z } from 'zod';
import { GetPaymentQuery } from '../../application/get-payment/get-payment.query.js';
import type { Payment, PaymentStatus } from '../../domain/payment.js';

const getPaymentRequestSchema = z.object({ orderId: z.uuid('must be a UUID') });

const STATUS_ON_THE_WIRE: Record<PaymentStatus, paymentV1.PaymentStatus> = {
  AUTHORIZED: paymentV1.PaymentStatus.PAYMENT_STATUS_AUTHORIZED,
  CAPTURED: paymentV1.PaymentStatus.PAYMENT_STATUS_CAPTURED,
  VOIDED: paymentV1.PaymentStatus.PAYMENT_STATUS_VOIDED,
  DECLINED: paymentV1.PaymentStatus.PAYMENT_STATUS_DECLINED,
};

/** shop.payment.v1.PaymentService: where the payment of an order stands. */
@Controller()
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'PAYMENT' }))
@paymentV1.PaymentServiceControllerMethods()
export class PaymentGrpcController implements paymentV1.PaymentServiceController {
  constructor(private readonly payments: GetPaymentQuery) {}

  async getPayment(request: paymentV1.GetPaymentRequest): Promise<paymentV1.GetPaymentResponse> {
    const { orderId } = parseRequest(getPaymentRequestSchema, request);
    return { payment: toPaymentMessage(await this.payments.execute(orderId)) };
  }
}

function toPaymentMessage(payment: Payment): paymentV1.Payment {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    status: STATUS_ON_THE_WIRE[payment.status],
    amountCents: payment.amountCents,
    currency: payment.currency,
    declineReason: payment.declineReason ?? '',
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}
