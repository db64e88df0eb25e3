import { Module } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import { ResilienceModule } from '@shop/resilience';
import { ProductCatalog } from '../../application/ports/product-catalog.js';
import type { Config } from '../../config.js';
import { INVENTORY_GRPC_CLIENT, INVENTORY_GRPC_POLICY, InventoryGrpcCatalog } from './inventory-grpc.catalog.js';

/** The inventory's catalog over gRPC; provides the ProductCatalog port. */
@Module({
  imports: [
    ClientsModule.registerAsync([
      {
        name: INVENTORY_GRPC_CLIENT,
        inject: [SERVICE_CONFIG],
        useFactory: (config: Config) => ({ transport: Transport.GRPC, options: grpcOptionsFor('inventory', config.INVENTORY_GRPC_URL) }),
      },
    ]),
    ResilienceModule.forRootAsync({
      inject: [SERVICE_CONFIG],
      // Every order placed prices its items here: the bulkhead takes what the gateway lets through
      // (100 at once, 200 queued) instead of the library's 20 + 20, which refused the 41st
      // concurrent checkout with inventory perfectly healthy.
      useFactory: (config: Config) => ({
        policies: { [INVENTORY_GRPC_POLICY]: { deadlineMs: config.INVENTORY_GRPC_DEADLINE_MS, bulkhead: { maxConcurrent: 100, maxQueued: 200 } } },
      }),
    }),
  ],
  providers: [{ provide: ProductCatalog, useClass: InventoryGrpcCatalog }],
  exports: [ProductCatalog],
})
export class InventoryGrpcModule {}
