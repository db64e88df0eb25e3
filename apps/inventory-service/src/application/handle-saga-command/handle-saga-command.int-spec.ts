import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import {
  CommitReservationCommand,
  createMessage,
  parseMessage,
  ReleaseStockCommand,
  ReserveStockCommand,
  Topics,
  type KnownMessage,
} from '@shop/contracts';
import { NonRetryableMessageError } from '@shop/messaging';
import { RedisConnection } from '@shop/redis';
import { CATALOG_CURRENCY } from '../../domain/product.js';
import { createInventoryDatabase, type InventoryDatabase } from '../../testing/inventory-database.js';
import { startInventory } from '../../testing/inventory-test-app.js';
import { deleteKeys, testConfig } from '../../testing/test-config.js';
import { INVENTORY_CONSUMER_GROUP, HandleSagaCommandHandler } from './handle-saga-command.handler.js';

describe('the inventory saga command handler (inbox, stock change and outbox reply in one transaction)', () => {
  let database: InventoryDatabase;
  let app: INestApplicationContext;
  let cachePrefix: string;
  let handler: HandleSagaCommandHandler;

  before(async () => {
    database = await createInventoryDatabase('commands');
    const config = testConfig(database.url);
    cachePrefix = config.CATALOG_CACHE_KEY_PREFIX;
    app = await startInventory(config);
    handler = app.get(HandleSagaCommandHandler);
  });

  after(async () => {
    await deleteKeys(app.get(RedisConnection).client, cachePrefix);
    await app.close();
    await database.drop();
  });

  async function productWithStock(available: number): Promise<string> {
    const sku = `CMD-${randomUUID().slice(0, 8).toUpperCase()}`;
    await database.prisma.product.create({ data: { sku, name: sku, priceCents: 2_000, currency: CATALOG_CURRENCY, available } });
    return sku;
  }

  const availableOf = async (sku: string) => (await database.prisma.product.findUniqueOrThrow({ where: { sku } })).available;

  /** The replies written to the outbox for an order, parsed as the orchestrator will parse them. */
  async function repliesFor(orderId: string): Promise<KnownMessage[]> {
    const rows = await database.prisma.outboxMessage.findMany({ where: { messageKey: orderId }, orderBy: { id: 'asc' } });
    return rows.map((row) => {
      assert.equal(row.topic, Topics.orderSagaReplies);
      const parsed = parseMessage(row.value, Topics.orderSagaReplies);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
      return parsed.message;
    });
  }

  function reserveCommand(sku: string, quantity: number) {
    const orderId = randomUUID();
    return createMessage(ReserveStockCommand, { sagaId: randomUUID(), step: 'RESERVE_STOCK', orderId, items: [{ sku, quantity }] }, { correlationId: orderId });
  }

  it('reserves the stock and writes StockReserved, caused by the command, to the outbox', async () => {
    const sku = await productWithStock(10);
    const command = reserveCommand(sku, 3);
    await handler.handle(command);

    const [reply, ...others] = await repliesFor(command.payload.orderId);
    assert.equal(others.length, 0);
    assert.equal(reply?.type, 'inventory.StockReserved');
    assert.deepEqual(
      { correlationId: reply?.correlationId, causationId: reply?.causationId },
      { correlationId: command.correlationId, causationId: command.messageId },
    );
    assert.deepEqual(reply?.payload, {
      sagaId: command.payload.sagaId,
      step: 'RESERVE_STOCK',
      orderId: command.payload.orderId,
      items: [{ sku, quantity: 3, unitPriceCents: 2_000 }],
      totalCents: 6_000,
      currency: 'EUR',
    });
    assert.equal(await availableOf(sku), 7);
    assert.ok(await database.prisma.inboxMessage.findUnique({ where: { consumerGroup_messageId: { consumerGroup: INVENTORY_CONSUMER_GROUP, messageId: command.messageId } } }));
  });

  it('does nothing at all for a redelivered command: no second reply, no second change of stock', async () => {
    const sku = await productWithStock(10);
    const command = reserveCommand(sku, 2);
    await handler.handle(command);
    await handler.handle(command);
    assert.equal((await repliesFor(command.payload.orderId)).length, 1);
    assert.equal(await availableOf(sku), 8);
  });

  it('writes StockReservationFailed for an order the stock cannot cover, and changes no stock', async () => {
    const sku = await productWithStock(1);
    const command = reserveCommand(sku, 5);
    await handler.handle(command);
    const replies = await repliesFor(command.payload.orderId);
    assert.deepEqual(
      replies.map((reply) => [reply.type, reply.payload]),
      [['inventory.StockReservationFailed', { sagaId: command.payload.sagaId, step: 'RESERVE_STOCK', orderId: command.payload.orderId, reason: 'INSUFFICIENT_STOCK', skus: [sku] }]],
    );
    assert.equal(await availableOf(sku), 1);
  });

  it('releases the units and replies StockReleased, then refuses a late CommitReservation as non-retryable (for the dead-letter topic) and commits nothing', async () => {
    const sku = await productWithStock(10);
    const reserve = reserveCommand(sku, 4);
    await handler.handle(reserve);
    const { sagaId, orderId } = reserve.payload;
    await handler.handle(createMessage(ReleaseStockCommand, { sagaId, step: 'RELEASE_STOCK', orderId }, { correlationId: orderId }));
    assert.equal(await availableOf(sku), 10);

    const lateCommit = createMessage(CommitReservationCommand, { sagaId, step: 'COMMIT_RESERVATION', orderId }, { correlationId: orderId });
    await assert.rejects(handler.handle(lateCommit), (error: unknown) => error instanceof NonRetryableMessageError && /INVENTORY\.RESERVATION_NOT_HELD/.test(error.message));
    assert.deepEqual(
      (await repliesFor(orderId)).map((reply) => reply.type),
      ['inventory.StockReserved', 'inventory.StockReleased'],
    );
    // The refused command left no inbox record: nothing of its transaction was committed.
    assert.equal(await database.prisma.inboxMessage.count({ where: { messageId: lateCommit.messageId } }), 0);
  });

  it('commits a held reservation and replies ReservationCommitted', async () => {
    const sku = await productWithStock(10);
    const reserve = reserveCommand(sku, 1);
    await handler.handle(reserve);
    const { sagaId, orderId } = reserve.payload;
    await handler.handle(createMessage(CommitReservationCommand, { sagaId, step: 'COMMIT_RESERVATION', orderId }, { correlationId: orderId }));
    assert.deepEqual(
      (await repliesFor(orderId)).map((reply) => reply.type),
      ['inventory.StockReserved', 'inventory.ReservationCommitted'],
    );
    assert.equal((await database.prisma.stockReservation.findUniqueOrThrow({ where: { orderId } })).status, 'COMMITTED');
    assert.equal(await availableOf(sku), 9);
  });
});
