// Orders and notifications as a customer sees them, on top of the gateway's REST client.
import { setTimeout as sleep } from 'node:timers/promises';
import { call, type Customer, type Reply } from './gateway-client.js';

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

export function placeOrder(customer: Customer, items: Array<{ sku: string; quantity: number }>, paymentToken: string): Promise<Reply<{ orderId: string; status: string }>> {
  return call('POST', '/api/v1/orders', { token: customer.token, body: { items, paymentToken } });
}

/** Polls the order until its saga has ended (any status but PENDING). */
export async function finalOrder(customer: Customer, orderId: string, timeoutMs = 60_000): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call<OrderView>('GET', `/api/v1/orders/${orderId}`, { token: customer.token });
    if (answer.status !== 200) throw new Error(`GET /orders/${orderId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.body.status !== 'PENDING') return answer.body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} still PENDING after ${timeoutMs} ms: ${JSON.stringify(answer.body.saga)}`);
    await sleep(200);
  }
}

export async function notificationsOf(customer: Customer): Promise<NotificationView[]> {
  const answer = await call<NotificationView[]>('GET', '/api/v1/notifications', { token: customer.token });
  if (answer.status !== 200) throw new Error(`GET /notifications answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
