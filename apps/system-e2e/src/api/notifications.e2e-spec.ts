import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '@shop/testing';
import { assertErrorReply, call, newCustomer, type NotificationView as Notification } from '@shop/testing/system';

const NOTIFICATION_OF_OUTCOME: Record<string, string> = { CONFIRMED: 'ORDER_CONFIRMED', REJECTED: 'ORDER_REJECTED', CANCELLED: 'ORDER_CANCELLED' };

describe('GET /api/v1/notifications on the running stack', () => {
  it('answers an empty list to a new customer', async () => {
    const customer = await newCustomer('quiet');
    const reply = await call<Notification[]>('GET', '/api/v1/notifications', { token: customer.token });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, []);
  });

  it('answers 401 without a token', async () => {
    assertErrorReply(await call('GET', '/api/v1/notifications'), 401, 'Unauthorized');
  });

  it('lists the notification of an order\'s outcome as {id, type, orderId, channel, status, createdAt}', async () => {
    const customer = await newCustomer('notified');
    const { body: products } = await call<{ sku: string; available: number }[]>('GET', '/api/v1/products');
    const sku = [...products].sort((a, b) => b.available - a.available)[0]!.sku;
    const placed = await call<{ orderId: string }>('POST', '/api/v1/orders', { token: customer.token, body: { items: [{ sku, quantity: 1 }], paymentToken: 'pm_card_ok' } });
    assert.equal(placed.status, 202);

    const order = await eventually('the saga to end', async () => {
      const current = (await call<{ status: string }>('GET', `/api/v1/orders/${placed.body.orderId}`, { token: customer.token })).body;
      return current.status !== 'PENDING' && current;
    });
    const notifications = await eventually('the notification of the outcome', async () => {
      const current = (await call<Notification[]>('GET', '/api/v1/notifications', { token: customer.token })).body;
      return current.some((notification) => notification.orderId === placed.body.orderId) && current;
    });

    const notification = notifications.find((candidate) => candidate.orderId === placed.body.orderId)!;
    assert.deepEqual(Object.keys(notification).sort(), ['channel', 'createdAt', 'id', 'orderId', 'status', 'type']);
    assert.equal(notification.type, NOTIFICATION_OF_OUTCOME[order.status]);
    assert.equal(notification.channel, 'EMAIL');
    assert.ok(['PENDING', 'SENT', 'FAILED'].includes(notification.status), notification.status);
    assert.ok(!Number.isNaN(Date.parse(notification.createdAt)), notification.createdAt);
  });
});
