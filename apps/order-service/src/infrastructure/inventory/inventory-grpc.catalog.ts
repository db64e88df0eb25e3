import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { inventoryV1 } from '@shop/contracts';
import { callGrpc, ResiliencePolicies, type ResiliencePolicy } from '@shop/resilience';
import { ProductCatalog, type CatalogLookup } from '../../application/ports/product-catalog.js';
import { OrderError } from '../../domain/order/order.errors.js';

export const INVENTORY_GRPC_CLIENT = Symbol('INVENTORY_GRPC_CLIENT');
export const INVENTORY_GRPC_POLICY = 'inventory-grpc';

/**
 * The catalog's prices through the inventory's gRPC API (GetPrices, answered from a cache that
 * reservations leave alone), under the `inventory-grpc` resilience policy.
 */
@Injectable()
export class InventoryGrpcCatalog extends ProductCatalog implements OnModuleInit {
  private inventory!: inventoryV1.InventoryServiceClient;
  private readonly policy: ResiliencePolicy;

  constructor(
    @Inject(INVENTORY_GRPC_CLIENT) private readonly client: ClientGrpc,
    policies: ResiliencePolicies,
  ) {
    super();
    this.policy = policies.get(INVENTORY_GRPC_POLICY);
  }

  onModuleInit(): void {
    this.inventory = this.client.getService<inventoryV1.InventoryServiceClient>(inventoryV1.INVENTORY_SERVICE_NAME);
  }

  async findProducts(skus: readonly string[]): Promise<CatalogLookup> {
    try {
      const response = await callGrpc(this.policy, { operation: 'read' }, () => this.inventory.getPrices({ skus: [...skus] }));
      return { products: response.prices, unknownSkus: response.unknownSkus };
    } catch (error) {
      // Down, slow, breaker open or refusing: the order cannot be priced now; the client may retry.
      throw new OrderError('ORDER.CATALOG_UNAVAILABLE', `the catalog cannot be read (${describe(error)})`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
