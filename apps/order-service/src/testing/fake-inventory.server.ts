// The inventory's gRPC API, in-process on a free port, with a catalog the test decides: the
// order service talks to it through its real gRPC client and resilience policy.
import { type ServiceError, Server, ServerCredentials, loadPackageDefinition, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, grpcLoaderOptions, inventoryV1, PROTO_ROOT } from '@shop/contracts';

export interface FakeProduct {
  sku: string;
  priceCents: number;
  currency?: string;
}

export class FakeInventoryServer {
  readonly calls: inventoryV1.GetPricesRequest[] = [];
  private readonly prices = new Map<string, inventoryV1.ProductPrice>();
  private failure: status | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(products: FakeProduct[]): Promise<FakeInventoryServer> {
    const definition = loadSync(GRPC_SERVICES.inventory.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
    const loaded = loadPackageDefinition(definition) as unknown as { shop: { inventory: { v1: { InventoryService: { service: never } } } } };
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const fake = new FakeInventoryServer(server, `127.0.0.1:${port}`);
    fake.setProducts(products);
    server.addService(loaded.shop.inventory.v1.InventoryService.service, {
      getPrices: (call: ServerUnaryCall<inventoryV1.GetPricesRequest, inventoryV1.GetPricesResponse>, callback: sendUnaryData<inventoryV1.GetPricesResponse>) =>
        fake.getPrices(call.request, callback),
    });
    return fake;
  }

  setProducts(products: FakeProduct[]): void {
    this.prices.clear();
    for (const { sku, priceCents, currency = 'EUR' } of products) this.prices.set(sku, { sku, priceCents, currency });
  }

  /** Every call fails with this status from now on; null to answer again. */
  failWith(code: status | null): void {
    this.failure = code;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  private getPrices(request: inventoryV1.GetPricesRequest, callback: sendUnaryData<inventoryV1.GetPricesResponse>): void {
    this.calls.push(request);
    if (this.failure !== null) {
      callback({ code: this.failure, details: 'inventory is failing on purpose' } as ServiceError);
      return;
    }
    const prices = request.skus.flatMap((sku) => this.prices.get(sku) ?? []);
    callback(null, { prices, unknownSkus: request.skus.filter((sku) => !this.prices.has(sku)) });
  }
}
