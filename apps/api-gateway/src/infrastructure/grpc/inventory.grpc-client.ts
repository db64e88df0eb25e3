import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { inventoryV1 } from '@shop/contracts';
import { ResiliencePolicies, callGrpc } from '@shop/resilience';
import { GRPC_CLIENT_TOKENS } from './grpc-client-tokens.js';
import { DOWNSTREAM_POLICY } from './resilience-policies.config.js';
import type { ProductCatalog } from '../../application/ports/product-catalog.js';

/** inventory-service: the catalog. */
@Injectable()
export class InventoryGrpcClient implements ProductCatalog, OnModuleInit {
  private inventory!: inventoryV1.InventoryServiceClient;

  constructor(
    @Inject(GRPC_CLIENT_TOKENS.inventory) private readonly client: ClientGrpc,
    private readonly policies: ResiliencePolicies,
  ) {}

  onModuleInit(): void {
    this.inventory = this.client.getService<inventoryV1.InventoryServiceClient>(inventoryV1.INVENTORY_SERVICE_NAME);
  }

  async listProducts(): Promise<inventoryV1.Product[]> {
    const response = await callGrpc(this.policies.get(DOWNSTREAM_POLICY.inventory), { operation: 'read' }, () => this.inventory.listProducts({}));
    return response.products;
  }
}
