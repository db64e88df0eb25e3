import { Controller, Inject } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { inventoryV1, notificationV1, orderV1, userV1 } from '@shop/contracts';
import { GrpcStatus } from '@shop/resilience';
import { randomUUID } from 'node:crypto';
import { FAKE_STATE } from './fake-grpc-server.js';

// Just enough of each service's behaviour for the gateway's contract: what the real one answers
// for the cases the gateway maps (known and unknown inputs, refusals with their status codes).

const refuse = (code: GrpcStatus, message: string) => new RpcException({ code, message });

export class InventoryState {
  products: inventoryV1.Product[] = [];
  calls = 0;
}

@Controller()
@inventoryV1.InventoryServiceControllerMethods()
export class FakeInventoryController implements inventoryV1.InventoryServiceController {
  constructor(@Inject(FAKE_STATE) private readonly state: InventoryState) {}

  listProducts(): inventoryV1.ListProductsResponse {
    this.state.calls += 1;
    return { products: this.state.products };
  }

  getProducts(request: inventoryV1.GetProductsRequest): inventoryV1.GetProductsResponse {
    const products = this.state.products.filter((product) => request.skus.includes(product.sku));
    return { products, unknownSkus: request.skus.filter((sku) => !products.some((product) => product.sku === sku)) };
  }

  getPrices(): never {
    throw refuse(GrpcStatus.UNIMPLEMENTED, 'not used by the gateway');
  }

  setProductStock(): never {
    throw refuse(GrpcStatus.UNIMPLEMENTED, 'not used by the gateway');
  }
}

export class UserState {
  users = new Map<string, userV1.User & { password: string }>();
  revokedTokens: string[] = [];
  /** What Login hands out for a right password. */
  accessTokenFor: (user: userV1.User) => string = () => 'token';
}

@Controller()
@userV1.UserServiceControllerMethods()
export class FakeUserController implements userV1.UserServiceController {
  constructor(@Inject(FAKE_STATE) private readonly state: UserState) {}

  register(request: userV1.RegisterRequest): userV1.RegisterResponse {
    if (this.state.users.has(request.email)) throw refuse(GrpcStatus.ALREADY_EXISTS, 'USER.EMAIL_TAKEN');
    const user = { id: randomUUID(), email: request.email, name: request.name, createdAt: new Date().toISOString() };
    this.state.users.set(request.email, { ...user, password: request.password });
    return { user };
  }

  login(request: userV1.LoginRequest): userV1.LoginResponse {
    const user = this.state.users.get(request.email);
    if (!user || user.password !== request.password) throw refuse(GrpcStatus.UNAUTHENTICATED, 'USER.INVALID_CREDENTIALS');
    return { accessToken: this.state.accessTokenFor(user), tokenType: 'Bearer', expiresInSeconds: 900 };
  }

  revokeToken(request: userV1.RevokeTokenRequest): userV1.RevokeTokenResponse {
    this.state.revokedTokens.push(request.accessToken);
    return {};
  }

  getUser(request: userV1.GetUserRequest): userV1.GetUserResponse {
    const user = [...this.state.users.values()].find((candidate) => candidate.id === request.userId);
    if (!user) throw refuse(GrpcStatus.NOT_FOUND, 'USER.NOT_FOUND');
    return { user: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt } };
  }
}

export class OrderState {
  orders: orderV1.Order[] = [];
  knownSkus = new Set(['SKU-1', 'SKU-2']);
  knownPaymentTokens = new Set(['pm_card_ok', 'pm_card_declined', 'pm_card_slow']);
  placeOrderCalls: orderV1.PlaceOrderRequest[] = [];
  private readonly byIdempotencyKey = new Map<string, string>();

  /** As the real service: one order per (user, idempotency key). */
  place(request: orderV1.PlaceOrderRequest): orderV1.Order {
    const dedupeKey = `${request.userId}:${request.idempotencyKey}`;
    const existing = request.idempotencyKey ? this.byIdempotencyKey.get(dedupeKey) : undefined;
    if (existing) return this.orders.find((order) => order.orderId === existing)!;
    const now = new Date().toISOString();
    const order: orderV1.Order = {
      orderId: randomUUID(),
      userId: request.userId,
      status: orderV1.OrderStatus.ORDER_STATUS_PENDING,
      items: request.items.map((item) => ({ ...item, unitPriceCents: 1250 })),
      totalCents: request.items.reduce((sum, item) => sum + item.quantity * 1250, 0),
      currency: 'EUR',
      failureReason: '',
      saga: [{ step: 'RESERVE_STOCK', status: orderV1.SagaStepStatus.SAGA_STEP_STATUS_STARTED, at: now }],
      createdAt: now,
      updatedAt: now,
    };
    this.orders.unshift(order);
    if (request.idempotencyKey) this.byIdempotencyKey.set(dedupeKey, order.orderId);
    return order;
  }
}

@Controller()
@orderV1.OrderServiceControllerMethods()
export class FakeOrderController implements orderV1.OrderServiceController {
  constructor(@Inject(FAKE_STATE) private readonly state: OrderState) {}

  placeOrder(request: orderV1.PlaceOrderRequest): orderV1.PlaceOrderResponse {
    this.state.placeOrderCalls.push(request);
    const unknownSku = request.items.find((item) => !this.state.knownSkus.has(item.sku));
    if (unknownSku) throw refuse(GrpcStatus.INVALID_ARGUMENT, `items: unknown SKU ${unknownSku.sku}`);
    if (!this.state.knownPaymentTokens.has(request.paymentToken)) throw refuse(GrpcStatus.INVALID_ARGUMENT, 'paymentToken: unknown payment token');
    const order = this.state.place(request);
    return { orderId: order.orderId, status: order.status };
  }

  getOrder(request: orderV1.GetOrderRequest): orderV1.GetOrderResponse {
    const order = this.state.orders.find((candidate) => candidate.orderId === request.orderId && candidate.userId === request.userId);
    if (!order) throw refuse(GrpcStatus.NOT_FOUND, 'ORDER.NOT_FOUND');
    return { order };
  }

  listOrders(request: orderV1.ListOrdersRequest): orderV1.ListOrdersResponse {
    const mine = this.state.orders.filter((order) => order.userId === request.userId);
    const start = request.pageToken ? Number(request.pageToken) : 0;
    const size = request.pageSize || 20;
    const next = start + size;
    return { orders: mine.slice(start, next), nextPageToken: next < mine.length ? String(next) : '' };
  }
}

export class NotificationState {
  notifications = new Map<string, notificationV1.Notification[]>();
  /** When set, ListNotifications fails with it. */
  failure: { code: GrpcStatus; message: string } | null = null;
}

@Controller()
@notificationV1.NotificationServiceControllerMethods()
export class FakeNotificationController implements notificationV1.NotificationServiceController {
  constructor(@Inject(FAKE_STATE) private readonly state: NotificationState) {}

  listNotifications(request: notificationV1.ListNotificationsRequest): notificationV1.ListNotificationsResponse {
    if (this.state.failure) throw refuse(this.state.failure.code, this.state.failure.message);
    return { notifications: this.state.notifications.get(request.userId) ?? [] };
  }
}
