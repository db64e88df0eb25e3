import type { orderV1 } from '@shop/contracts';

/** order-service, as the gateway's use cases need it: place orders, read a customer's orders. */
export abstract class OrderBook {
  abstract placeOrder(request: orderV1.PlaceOrderRequest): Promise<orderV1.PlaceOrderResponse>;
  abstract getOrder(request: orderV1.GetOrderRequest): Promise<orderV1.Order>;
  abstract listOrders(request: orderV1.ListOrdersRequest): Promise<orderV1.ListOrdersResponse>;
}
