import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { orderV1 } from '@shop/contracts';
import { ResiliencePolicies, callGrpc } from '@shop/resilience';
import { GRPC_CLIENT_TOKENS } from './grpc-client-tokens.js';
import { requiredField } from './required-field.js';
import { DOWNSTREAM_POLICY } from './resilience-policies.config.js';
import type { OrderBook } from '../../application/ports/order-book.js';

/** order-service: placing orders (the saga runs behind it) and reading them. */
@Injectable()
export class OrderGrpcClient implements OrderBook, OnModuleInit {
  private orders!: orderV1.OrderServiceClient;

  constructor(
    @Inject(GRPC_CLIENT_TOKENS.order) private readonly client: ClientGrpc,
    private readonly policies: ResiliencePolicies,
  ) {}

  onModuleInit(): void {
    this.orders = this.client.getService<orderV1.OrderServiceClient>(orderV1.ORDER_SERVICE_NAME);
  }

  /** Retried only with an idempotency key: the order service deduplicates on (user, key), so a retry cannot place a second order. */
  placeOrder(request: orderV1.PlaceOrderRequest): Promise<orderV1.PlaceOrderResponse> {
    return callGrpc(this.policy, { operation: 'write', idempotent: request.idempotencyKey !== '' }, () => this.orders.placeOrder(request));
  }

  async getOrder(request: orderV1.GetOrderRequest): Promise<orderV1.Order> {
    const response = await callGrpc(this.policy, { operation: 'read' }, () => this.orders.getOrder(request));
    return requiredField(response.order, 'GetOrder', 'order');
  }

  listOrders(request: orderV1.ListOrdersRequest): Promise<orderV1.ListOrdersResponse> {
    return callGrpc(this.policy, { operation: 'read' }, () => this.orders.listOrders(request));
  }

  private get policy() {
    return this.policies.get(DOWNSTREAM_POLICY.order);
  }
}
