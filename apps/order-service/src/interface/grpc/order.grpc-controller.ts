import { Controller, UseInterceptors } from '@nestjs/common';
import { orderV1 } from '@shop/contracts';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';
import { GetOrderQuery } from '../../application/get-order/get-order.query.js';
import { ListOrdersQuery } from '../../application/list-orders/list-orders.query.js';
import { PlaceOrderHandler } from '../../application/place-order/place-order.handler.js';
import { toOrderMessage, toOrderStatusMessage } from './order-messages.js';
import { getOrderRequestSchema, listOrdersRequestSchema, placeOrderRequestSchema } from './order-requests.js';

/** shop.order.v1.OrderService: place an order (its saga runs over Kafka), read orders. */
@Controller()
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'ORDER' }))
@orderV1.OrderServiceControllerMethods()
export class OrderGrpcController implements orderV1.OrderServiceController {
  constructor(
    private readonly placeOrderHandler: PlaceOrderHandler,
    private readonly getOrderQuery: GetOrderQuery,
    private readonly listOrdersQuery: ListOrdersQuery,
  ) {}

  async placeOrder(request: orderV1.PlaceOrderRequest): Promise<orderV1.PlaceOrderResponse> {
    const placed = await this.placeOrderHandler.execute(parseRequest(placeOrderRequestSchema, request));
    return { orderId: placed.orderId, status: toOrderStatusMessage(placed.status) };
  }

  async getOrder(request: orderV1.GetOrderRequest): Promise<orderV1.GetOrderResponse> {
    const { orderId, userId } = parseRequest(getOrderRequestSchema, request);
    return { order: toOrderMessage(await this.getOrderQuery.execute(orderId, userId)) };
  }

  async listOrders(request: orderV1.ListOrdersRequest): Promise<orderV1.ListOrdersResponse> {
    const { userId, pageSize, pageToken } = parseRequest(listOrdersRequestSchema, request);
    const page = await this.listOrdersQuery.execute(userId, pageSize, pageToken);
    return { orders: page.orders.map(toOrderMessage), nextPageToken: page.nextPageToken ?? '' };
  }
}
