import { Module } from '@nestjs/common';
import { provideIdempotentCommands } from '@shop/messaging';
import { AuthorizePaymentHandler } from './application/authorize-payment/authorize-payment.handler.js';
import { CapturePaymentHandler } from './application/capture-payment/capture-payment.handler.js';
import { GetPaymentQuery } from './application/get-payment/get-payment.query.js';
import { PaymentCommands } from './application/payment-commands.js';
import { PaymentStore, PaymentTransactions } from './application/ports/payment-store.js';
import { VoidPaymentHandler } from './application/void-payment/void-payment.handler.js';
import { CardGatewayModule } from './infrastructure/card-gateway/card-gateway.module.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { PAYMENT_CONSUMER_GROUP } from './infrastructure/consumer-group.js';
import { PgPaymentStore, PgPaymentTransactions } from './infrastructure/pg-payment.store.js';

/** Every use case of the service, with the adapters they run on. Needs SERVICE_CONFIG. */
const useCases = [AuthorizePaymentHandler, CapturePaymentHandler, VoidPaymentHandler, GetPaymentQuery];

@Module({
  imports: [DatabaseModule, CardGatewayModule],
  providers: [
    ...useCases,
    PaymentCommands,
    provideIdempotentCommands({ consumerGroup: PAYMENT_CONSUMER_GROUP, transactions: PaymentTransactions }),
    { provide: PaymentTransactions, useClass: PgPaymentTransactions },
    { provide: PaymentStore, useClass: PgPaymentStore },
  ],
  exports: useCases,
})
export class PaymentsModule {}
