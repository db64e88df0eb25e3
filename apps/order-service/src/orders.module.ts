import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { provideIdempotentCommands } from '@shop/messaging';
import { SagaOutbox } from './application/advance-saga/saga-outbox.js';
import { SagaProgress } from './application/advance-saga/saga-progress.js';
import { ExpireSagaDeadlinesHandler, SAGA_SWEEP_BATCH_SIZE } from './application/expire-saga-deadlines/expire-saga-deadlines.handler.js';
import { GetOrderQuery } from './application/get-order/get-order.query.js';
import { HandleSagaReplyHandler, SAGA_REPLIES_CONSUMER_GROUP } from './application/handle-saga-reply/handle-saga-reply.handler.js';
import { ListOrdersQuery } from './application/list-orders/list-orders.query.js';
import { OperateParkedSagaHandler } from './application/operate-parked-saga/operate-parked-saga.handler.js';
import { PlaceOrderHandler } from './application/place-order/place-order.handler.js';
import { Clock } from './application/ports/clock.js';
import { OrderStore } from './application/ports/order.store.js';
import { OrderTransactions } from './application/ports/order-transactions.js';
import { SagaStore } from './application/ports/saga.store.js';
import { SAGA_TIMINGS, sagaTimingsFrom } from './application/saga-timings.token.js';
import type { Config } from './config.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { InventoryGrpcModule } from './infrastructure/inventory/inventory-grpc.module.js';
import { PgOrderStore } from './infrastructure/persistence/pg-order.store.js';
import { PgOrderTransactions } from './infrastructure/persistence/pg-order-transactions.js';
import { PgSagaStore } from './infrastructure/persistence/pg-saga.store.js';
import { SystemClock } from './infrastructure/system-clock.js';

/** The service's table of contents: every use case it offers. */
const useCases = [PlaceOrderHandler, HandleSagaReplyHandler, ExpireSagaDeadlinesHandler, OperateParkedSagaHandler, GetOrderQuery, ListOrdersQuery];

/**
 * The use cases with the adapters they run on. Needs SERVICE_CONFIG and @shop/messaging's
 * OutboxWriter (MessagingModule is global).
 */
@Module({
  imports: [DatabaseModule, InventoryGrpcModule],
  providers: [
    ...useCases,
    SagaProgress,
    SagaOutbox,
    { provide: OrderTransactions, useClass: PgOrderTransactions },
    provideIdempotentCommands({ consumerGroup: SAGA_REPLIES_CONSUMER_GROUP, transactions: OrderTransactions }),
    { provide: OrderStore, useClass: PgOrderStore },
    { provide: SagaStore, useClass: PgSagaStore },
    { provide: Clock, useClass: SystemClock },
    { provide: SAGA_TIMINGS, inject: [SERVICE_CONFIG], useFactory: sagaTimingsFrom },
    { provide: SAGA_SWEEP_BATCH_SIZE, inject: [SERVICE_CONFIG], useFactory: (config: Config) => config.SAGA_SWEEP_BATCH_SIZE },
  ],
  exports: [...useCases, DatabaseModule],
})
export class OrdersModule {}
