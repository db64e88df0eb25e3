// The public REST API as a customer's program sees it: fetch against the running gateway.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadTopology } from '../topology';

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Customer {
  userId: string;
  email: string;
  token: string;
}

export interface OrderView {
  orderId: string;
  userId: string;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
  items: Array<{ sku: string; quantity: number; unitPriceCents: number }>;
  totalCents: number;
  currency: string;
  failureReason: string | null;
  saga: Array<{ step: string; status: string; at: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationView {
  id: string;
  type: string;
  orderId: string;
  channel: string;
  status: string;
  createdAt: string;
}

export class GatewayClient {
  constructor(readonly baseUrl: string) {}

  static async forStack(): Promise<GatewayClient> {
    const { apps, host } = await loadTopology();
    const gateway = apps.find((app) => app.name === 'api-gateway')!;
    return new GatewayClient(`http://${host}:${gateway.httpPort}/api/v1`);
  }

  async request<T = unknown>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** A new customer, registered and logged in. */
  async newCustomer(label = 'customer'): Promise<Customer> {
    const email = `${label}-${randomUUID()}@example.com`;
    const password = 'correct horse battery staple';
    const registered = await this.request<{ id: string }>('POST', '/auth/register', { body: { email, password, name: `E2E ${label}` } });
    if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    const login = await this.request<{ accessToken: string }>('POST', '/auth/login', { body: { email, password } });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
    return { userId: registered.body.id, email, token: login.body.accessToken };
  }

  placeOrder(customer: Customer, items: Array<{ sku: string; quantity: number }>, paymentToken: string, idempotencyKey?: string) {
    return this.request<{ orderId: string; status: string }>('POST', '/orders', {
      token: customer.token,
      body: { items, paymentToken },
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    });
  }

  async order(customer: Customer, orderId: string): Promise<OrderView> {
    const answer = await this.request<OrderView>('GET', `/orders/${orderId}`, { token: customer.token });
    if (answer.status !== 200) throw new Error(`GET /orders/${orderId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Polls until the saga has ended (any status but PENDING). */
  async finalOrder(customer: Customer, orderId: string, timeoutMs = 60_000): Promise<OrderView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const order = await this.order(customer, orderId);
      if (order.status !== 'PENDING') return order;
      if (Date.now() > deadline) throw new Error(`order ${orderId} still PENDING after ${timeoutMs} ms: ${JSON.stringify(order.saga)}`);
      await sleep(200);
    }
  }

  async notifications(customer: Customer): Promise<NotificationView[]> {
    const answer = await this.request<NotificationView[]>('GET', '/notifications', { token: customer.token });
    if (answer.status !== 200) throw new Error(`GET /notifications answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

/** Polls `read` until `accept` holds; returns the last value read, failing with `what` after the wait. */
export async function eventually<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; last: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}
