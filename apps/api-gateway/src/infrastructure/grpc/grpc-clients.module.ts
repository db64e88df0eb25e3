import { Module } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import type { Config } from '../../config.js';
import { type Downstream, GRPC_CLIENT_TOKENS } from './grpc-client-tokens.js';
import { InventoryGrpcClient } from './inventory.grpc-client.js';
import { NotificationGrpcClient } from './notification.grpc-client.js';
import { OrderGrpcClient } from './order.grpc-client.js';
import { UserGrpcClient } from './user.grpc-client.js';

function grpcClient(service: Downstream, urlOf: (config: Config) => string) {
  return {
    name: GRPC_CLIENT_TOKENS[service],
    inject: [SERVICE_CONFIG],
    useFactory: (config: Config) => ({ transport: Transport.GRPC as const, options: grpcOptionsFor(service, urlOf(config)) }),
  };
}

const clients = ClientsModule.registerAsync([
  grpcClient('user', (config) => config.USER_GRPC_URL),
  grpcClient('order', (config) => config.ORDER_GRPC_URL),
  grpcClient('inventory', (config) => config.INVENTORY_GRPC_URL),
  grpcClient('notification', (config) => config.NOTIFICATION_GRPC_URL),
]);

const grpcClients = [UserGrpcClient, OrderGrpcClient, InventoryGrpcClient, NotificationGrpcClient];

/** One gRPC client per downstream service, each call made through that service's resilience policy. */
@Module({ imports: [clients], providers: grpcClients, exports: grpcClients })
export class GrpcClientsModule {}
