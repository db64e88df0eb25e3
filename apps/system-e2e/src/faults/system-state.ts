// What the services recorded, read from their own stores: the orders and sagas, the payments and
// the card gateway's authorizations, the reservations and the stock, the notifications and the
// emails, the outbox backlogs and the dead-letter topics. The public API shows only part of it.
import { ALL_TOPICS, deadLetterTopicOf } from '@shop/contracts';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadTopology } from '../topology.js';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface OrderRecord {
  orderId: string;
  status: OrderStatus;
  failureReason: string | null;
  paymentToken: string;
  sagaState: string | null;
  createdAt: Date;
  updatedAt: Date;
  items: Array<{ sku: string; quantity: number }>;
}

export interface OrderEffects {
  /** payments.status, when the payment service has a payment for the order. */
  payment?: string;
  /** The card gateway's state of the order's authorization (`authorized`, `captured`, `voided`), when it approved one. */
  authorization?: string;
  /** stock_reservations.status, when the inventory has a reservation for the order. */
  reservation?: string;
  notifications: Array<{ id: string; type: string; status: string }>;
  /** Stored emails of the order's notifications (the native stack's JSON transport). */
  emails: number;
}

async function withDatabase<T>(service: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { postgresDatabase } = await loadTopology();
  const client = new pg.Client({ connectionString: postgresDatabase(service).url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every order with a line of one of `skus`: those the gateway answered and those it did not. */
export function ordersWith(skus: string[]): Promise<OrderRecord[]> {
  return withDatabase('order-service', async (client) => {
    const result = await client.query<{
      id: string;
      status: OrderStatus;
      failure_reason: string | null;
      payment_token: string;
      saga_state: string | null;
      created_at: Date;
      updated_at: Date;
      items: Array<{ sku: string; quantity: number }>;
    }>(
      `SELECT o.id, o.status::text AS status, o.failure_reason, o.payment_token, s.state::text AS saga_state, o.created_at, o.updated_at,
              (SELECT json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity)) FROM order_items i WHERE i.order_id = o.id) AS items
       FROM orders o LEFT JOIN saga_instances s ON s.order_id = o.id
       WHERE o.id IN (SELECT order_id FROM order_items WHERE sku = ANY($1))`,
      [skus],
    );
    return result.rows.map((row) => ({
      orderId: row.id,
      status: row.status,
      failureReason: row.failure_reason,
      paymentToken: row.payment_token,
      sagaState: row.saga_state,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      items: row.items,
    }));
  });
}

/**
 * Waits until some order with a line of `skus` is in the middle of its saga (PENDING), polling
 * often; returns how many are, 0 when none was within `timeoutMs`.
 */
export function ordersMidSaga(skus: string[], timeoutMs: number): Promise<number> {
  return withDatabase('order-service', async (client) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await client.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM orders WHERE status = 'PENDING' AND id IN (SELECT order_id FROM order_items WHERE sku = ANY($1))`,
        [skus],
      );
      const pending = result.rows[0]!.pending;
      if (pending > 0 || Date.now() > deadline) return pending;
      await sleep(20);
    }
  });
}

export async function stockOf(skus: string[]): Promise<Map<string, number>> {
  return withDatabase('inventory-service', async (client) => {
    const result = await client.query<{ sku: string; available: number }>('SELECT sku, available FROM products WHERE sku = ANY($1)', [skus]);
    return new Map(result.rows.map((row) => [row.sku, row.available]));
  });
}

/** What every participant did for each order, by order id. */
export async function effectsOf(orderIds: string[]): Promise<Map<string, OrderEffects>> {
  const effects = new Map<string, OrderEffects>(orderIds.map((id) => [id, { notifications: [], emails: 0 }]));
  const of = (orderId: string) => effects.get(orderId)!;
  await withDatabase('payment-service', async (client) => {
    const payments = await client.query<{ order_id: string; status: string }>('SELECT order_id, status::text AS status FROM payments WHERE order_id = ANY($1::uuid[])', [orderIds]);
    for (const row of payments.rows) of(row.order_id).payment = row.status;
    // The simulated card gateway's own records, keyed `authorize:<order id>`.
    const authorizations = await client.query<{ order_id: string; state: string }>(
      `SELECT substring(idempotency_key FROM 11) AS order_id, authorization_state::text AS state
       FROM card_gateway_requests WHERE idempotency_key = ANY($1) AND authorization_state IS NOT NULL`,
      [orderIds.map((id) => `authorize:${id}`)],
    );
    for (const row of authorizations.rows) of(row.order_id).authorization = row.state;
  });
  await withDatabase('inventory-service', async (client) => {
    const reservations = await client.query<{ order_id: string; status: string }>('SELECT order_id, status::text AS status FROM stock_reservations WHERE order_id = ANY($1::uuid[])', [orderIds]);
    for (const row of reservations.rows) of(row.order_id).reservation = row.status;
  });
  await readNotifications(orderIds, of);
  return effects;
}

async function readNotifications(orderIds: string[], of: (orderId: string) => OrderEffects): Promise<void> {
  const { mongoUrlOf } = await loadTopology();
  const mongo = new MongoClient(mongoUrlOf('notifications'), { serverSelectionTimeoutMS: 5000 });
  try {
    const db = mongo.db();
    const notifications = await db
      .collection<{ _id: string; orderId: string; type: string; status: string }>('notifications')
      .find({ orderId: { $in: orderIds } }, { projection: { _id: 1, orderId: 1, type: 1, status: 1 } })
      .toArray();
    const orderOfNotification = new Map<string, string>();
    for (const notification of notifications) {
      of(notification.orderId).notifications.push({ id: notification._id, type: notification.type, status: notification.status });
      orderOfNotification.set(notification._id, notification.orderId);
    }
    // Stored emails are keyed by their notification's id.
    const emails = await db
      .collection<{ _id: string }>('sent_emails')
      .find({ _id: { $in: [...orderOfNotification.keys()] } }, { projection: { _id: 1 } })
      .toArray();
    for (const email of emails) of(orderOfNotification.get(email._id)!).emails += 1;
  } finally {
    await mongo.close();
  }
}

/** Outbox rows not yet published, per service with a PostgreSQL database. */
export async function outboxBacklogs(): Promise<Record<string, number>> {
  const { postgresApps } = await loadTopology();
  const backlogs: Record<string, number> = {};
  for (const app of postgresApps) {
    backlogs[app.name] = await withDatabase(app.name, async (client) => {
      const result = await client.query<{ backlog: number }>('SELECT count(*)::int AS backlog FROM outbox_messages WHERE published_at IS NULL');
      return result.rows[0]!.backlog;
    });
  }
  return backlogs;
}

/** Messages ever written to each `<topic>.dlt` of the system's topics (the end offsets, summed over partitions). */
export async function deadLetterCounts(): Promise<Record<string, number>> {
  const admin = await kafkaAdmin();
  try {
    const existing = new Set(await admin.listTopics());
    const counts: Record<string, number> = {};
    for (const topic of ALL_TOPICS.map(deadLetterTopicOf)) {
      if (!existing.has(topic)) continue;
      const offsets = await admin.fetchTopicOffsets(topic);
      counts[topic] = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

/** Members of each consumer group right now. */
export async function consumerGroupMembers(groupIds: string[]): Promise<Record<string, number>> {
  const admin = await kafkaAdmin();
  try {
    const { groups } = await admin.describeGroups(groupIds);
    return Object.fromEntries(groups.map((group) => [group.groupId, group.members.length]));
  } finally {
    await admin.disconnect();
  }
}

/** For each group, how many partitions each member holds (empty while it rebalances). */
export async function consumerGroupPartitions(groupIds: string[]): Promise<Record<string, number[]>> {
  const admin = await kafkaAdmin();
  try {
    const { groups } = await admin.describeGroups(groupIds);
    return Object.fromEntries(
      groups.map((group) => [
        group.groupId,
        group.state !== 'Stable'
          ? []
          : group.members.map((member) => {
              const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
              return Object.values(assignment).reduce((sum, partitions) => sum + partitions.length, 0);
            }),
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

async function kafkaAdmin() {
  const { kafkaBrokers } = await loadTopology();
  const admin = new Kafka({ clientId: 'fault-suite', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return admin;
}
