// Test support: a plain @grpc/grpc-js client of InventoryService, loaded from the .proto file
// the way any other service's client is, so the tests see the wire format and the status codes.
import { credentials, loadPackageDefinition, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, grpcLoaderOptions, inventoryV1, PROTO_ROOT } from '@shop/contracts';

type Callback<TResponse> = (error: ServiceError | null, response: TResponse) => void;
type Unary<TRequest, TResponse> = (request: TRequest, callback: Callback<TResponse>) => void;

export interface InventoryGrpcClient {
  listProducts(): Promise<inventoryV1.ListProductsResponse>;
  getProducts(request: inventoryV1.GetProductsRequest): Promise<inventoryV1.GetProductsResponse>;
  getPrices(request: inventoryV1.GetPricesRequest): Promise<inventoryV1.GetPricesResponse>;
  setProductStock(request: inventoryV1.SetProductStockRequest): Promise<inventoryV1.SetProductStockResponse>;
  close(): void;
}

export function inventoryGrpcClient(url: string): InventoryGrpcClient {
  const { packageName, serviceName, protoFile } = GRPC_SERVICES.inventory;
  const definition = loadPackageDefinition(loadSync(protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] }));
  const Service = `${packageName}.${serviceName}`.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], definition) as ServiceClientConstructor;
  const client = new Service(url, credentials.createInsecure()) as unknown as Record<string, Unary<unknown, unknown>> & { close(): void };
  const call = <TRequest, TResponse>(method: string, request: TRequest) =>
    new Promise<TResponse>((resolve, reject) => {
      client[method]!.call(client, request, (error, response) => (error ? reject(error) : resolve(response as TResponse)));
    });
  return {
    listProducts: () => call('ListProducts', {}),
    getProducts: (request) => call('GetProducts', request),
    getPrices: (request) => call('GetPrices', request),
    setProductStock: (request) => call('SetProductStock', request),
    close: () => client.close(),
  };
}
