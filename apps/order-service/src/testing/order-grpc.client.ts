// A plain grpc-js client of shop.order.v1.OrderService, as another service (the gateway) calls it.
import { credentials, loadPackageDefinition, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, grpcLoaderOptions, PROTO_ROOT, type orderV1 } from '@shop/contracts';

type Unary<Request, Response> = (request: Request, callback: (error: ServiceError | null, response: Response) => void) => void;

interface RawOrderClient extends Client {
  placeOrder: Unary<orderV1.PlaceOrderRequest, orderV1.PlaceOrderResponse>;
  getOrder: Unary<orderV1.GetOrderRequest, orderV1.GetOrderResponse>;
  listOrders: Unary<orderV1.ListOrdersRequest, orderV1.ListOrdersResponse>;
}

export interface OrderGrpcClient {
  placeOrder(request: Partial<orderV1.PlaceOrderRequest>): Promise<orderV1.PlaceOrderResponse>;
  getOrder(request: Partial<orderV1.GetOrderRequest>): Promise<orderV1.GetOrderResponse>;
  listOrders(request: Partial<orderV1.ListOrdersRequest>): Promise<orderV1.ListOrdersResponse>;
  close(): void;
}

export function connectOrderClient(url: string): OrderGrpcClient {
  const definition = loadSync(GRPC_SERVICES.order.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  const loaded = loadPackageDefinition(definition) as unknown as {
    shop: { order: { v1: { OrderService: new (address: string, channel: ReturnType<typeof credentials.createInsecure>) => RawOrderClient } } };
  };
  const client = new loaded.shop.order.v1.OrderService(url, credentials.createInsecure());
  const call =
    <Request, Response>(method: Unary<Request, Response>) =>
    (request: Partial<Request>) =>
      new Promise<Response>((resolve, reject) => method.call(client, request as Request, (error, response) => (error ? reject(error) : resolve(response))));
  return {
    placeOrder: call(client.placeOrder),
    getOrder: call(client.getOrder),
    listOrders: call(client.listOrders),
    close: () => client.close(),
  };
}
