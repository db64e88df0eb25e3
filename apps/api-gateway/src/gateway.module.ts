import { Module } from '@nestjs/common';
import { GetOrderQuery } from './application/get-order/get-order.query.js';
import { ListNotificationsQuery } from './application/list-notifications/list-notifications.query.js';
import { ListOrdersQuery } from './application/list-orders/list-orders.query.js';
import { ListProductsQuery } from './application/list-products/list-products.query.js';
import { LogInHandler } from './application/log-in/log-in.handler.js';
import { LogOutHandler } from './application/log-out/log-out.handler.js';
import { PlaceOrderHandler } from './application/place-order/place-order.handler.js';
import { IdempotencyKeys } from './application/ports/idempotency-keys.js';
import { LastGoodProducts } from './application/ports/last-good-products.js';
import { NotificationFeed } from './application/ports/notification-feed.js';
import { OrderBook } from './application/ports/order-book.js';
import { ProductCatalog } from './application/ports/product-catalog.js';
import { UserAccounts } from './application/ports/user-accounts.js';
import { RegisterUserHandler } from './application/register-user/register-user.handler.js';
import { InventoryGrpcClient } from './infrastructure/grpc/inventory.grpc-client.js';
import { NotificationGrpcClient } from './infrastructure/grpc/notification.grpc-client.js';
import { OrderGrpcClient } from './infrastructure/grpc/order.grpc-client.js';
import { UserGrpcClient } from './infrastructure/grpc/user.grpc-client.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { IdempotencyStore } from './infrastructure/redis/idempotency.store.js';
import { LastGoodProductsStore } from './infrastructure/redis/last-good-products.store.js';

/** The gateway's table of contents: every use case the REST API offers. */
const useCases = [
  RegisterUserHandler,
  LogInHandler,
  LogOutHandler,
  ListProductsQuery,
  PlaceOrderHandler,
  GetOrderQuery,
  ListOrdersQuery,
  ListNotificationsQuery,
];

/** The use cases with the adapters they run on: the services over gRPC, Redis. */
@Module({
  imports: [InfrastructureModule],
  providers: [
    ...useCases,
    { provide: UserAccounts, useExisting: UserGrpcClient },
    { provide: OrderBook, useExisting: OrderGrpcClient },
    { provide: ProductCatalog, useExisting: InventoryGrpcClient },
    { provide: NotificationFeed, useExisting: NotificationGrpcClient },
    { provide: IdempotencyKeys, useExisting: IdempotencyStore },
    { provide: LastGoodProducts, useExisting: LastGoodProductsStore },
  ],
  exports: useCases,
})
export class GatewayModule {}
