import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { CATALOG_CURRENCY } from '../domain/product.js';
import { createInventoryDatabase, type InventoryDatabase } from '../testing/inventory-database.js';
import { deleteKeys, testConfig } from '../testing/test-config.js';
import { startInventory } from '../testing/inventory-test-app.js';
import { CommitReservationHandler } from './commit-reservation/commit-reservation.handler.js';
import { ReleaseStockHandler } from './release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './reserve-stock/reserve-stock.handler.js';

describe('stock reservations (PostgreSQL)', () => {
  let database: InventoryDatabase;
  let app: INestApplicationContext;
  let cachePrefix: string;
  let reserve: ReserveStockHandler;
  let release: ReleaseStockHandler;
  let commit: CommitReservationHandler;

  before(async () => {
    database = await createInventoryDatabase('reservations');
    const config = testConfig(database.url);
    cachePrefix = config.CATALOG_CACHE_KEY_PREFIX;
    app = await startInventory(config);
    reserve = app.get(ReserveStockHandler);
    release = app.get(ReleaseStockHandler);
    commit = app.get(CommitReservationHandler);
  });

  after(async () => {
    await deleteKeys(app.get(RedisConnection).client, cachePrefix);
    await app.close();
    await database.drop();
  });

  /** A product of its own for each test, so tests never share stock. */
  async function productWithStock(available: number, priceCents = 1_250): Promise<string> {
    const sku = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    await database.prisma.product.create({ data: { sku, name: `Test product ${sku}`, priceCents, currency: CATALOG_CURRENCY, available } });
    return sku;
  }

  async function availableOf(sku: string): Promise<number> {
    return (await database.prisma.product.findUniqueOrThrow({ where: { sku } })).available;
  }

  const order = (items: { sku: string; quantity: number }[]) => ({ sagaId: randomUUID(), step: 'RESERVE_STOCK' as const, orderId: randomUUID(), items });
  const compensation = (reserved: { sagaId: string; orderId: string }) => ({ sagaId: reserved.sagaId, step: 'RELEASE_STOCK' as const, orderId: reserved.orderId });
  const confirmation = (reserved: { sagaId: string; orderId: string }) => ({ sagaId: reserved.sagaId, step: 'COMMIT_RESERVATION' as const, orderId: reserved.orderId });

  it('lets exactly 10 of 50 concurrent one-unit orders reserve a product with stock 10; the other 40 fail with INSUFFICIENT_STOCK', async () => {
    const sku = await productWithStock(10);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => reserve.execute(order([{ sku, quantity: 1 }]))));

    assert.equal(outcomes.filter((outcome) => outcome.kind === 'RESERVED').length, 10);
    const rejected = outcomes.filter((outcome) => outcome.kind === 'REJECTED');
    assert.equal(rejected.length, 40);
    for (const outcome of rejected) assert.deepEqual({ reason: outcome.reply.reason, skus: outcome.reply.skus }, { reason: 'INSUFFICIENT_STOCK', skus: [sku] });
    assert.equal(await availableOf(sku), 0);
    // Units are conserved: what is available plus what reservations hold is the stock we started with.
    const held = await database.prisma.stockReservationLine.aggregate({ where: { sku }, _sum: { quantity: true } });
    assert.equal(held._sum.quantity, 10);
  });

  it('never takes stock below zero, even for orders of several units racing for the last ones', async () => {
    const sku = await productWithStock(7);
    const outcomes = await Promise.all([3, 3, 3, 2, 2, 1, 1].map((quantity) => reserve.execute(order([{ sku, quantity }]))));
    const reservedUnits = outcomes.reduce((units, outcome) => units + (outcome.kind === 'RESERVED' ? outcome.reply.items[0]!.quantity : 0), 0);
    const left = await availableOf(sku);
    assert.ok(left >= 0, `available went to ${left}`);
    assert.equal(left + reservedUnits, 7);
  });

  it('replies with the catalog unit prices at reservation time and the order total in integer cents', async () => {
    const cable = await productWithStock(100, 999);
    const stand = await productWithStock(100, 3_499);
    const outcome = await reserve.execute(
      order([
        { sku: stand, quantity: 1 },
        { sku: cable, quantity: 2 },
        { sku: stand, quantity: 1 },
      ]),
    );
    assert.equal(outcome.kind, 'RESERVED');
    assert.deepEqual(outcome.kind === 'RESERVED' && { items: outcome.reply.items, totalCents: outcome.reply.totalCents, currency: outcome.reply.currency }, {
      items: [cable, stand].sort().map((sku) => (sku === cable ? { sku, quantity: 2, unitPriceCents: 999 } : { sku, quantity: 2, unitPriceCents: 3_499 })),
      totalCents: 2 * 999 + 2 * 3_499,
      currency: 'EUR',
    });
    assert.equal(await availableOf(stand), 98);
  });

  it('reserves nothing of a multi-line order when one line lacks stock, and names that line', async () => {
    const plenty = await productWithStock(100);
    const scarce = await productWithStock(1);
    const outcome = await reserve.execute(
      order([
        { sku: plenty, quantity: 5 },
        { sku: scarce, quantity: 2 },
      ]),
    );
    assert.equal(outcome.kind, 'REJECTED');
    assert.deepEqual(outcome.kind === 'REJECTED' && outcome.reply.skus, [scarce]);
    assert.equal(outcome.kind === 'REJECTED' && outcome.reply.reason, 'INSUFFICIENT_STOCK');
    assert.deepEqual([await availableOf(plenty), await availableOf(scarce)], [100, 1]);
  });

  it('rejects an order with an unknown SKU as UNKNOWN_SKU without touching the stock of its other lines', async () => {
    const known = await productWithStock(10);
    const outcome = await reserve.execute(
      order([
        { sku: known, quantity: 1 },
        { sku: 'NO-SUCH-PRODUCT', quantity: 1 },
      ]),
    );
    assert.deepEqual(outcome.kind === 'REJECTED' && { reason: outcome.reply.reason, skus: outcome.reply.skus }, { reason: 'UNKNOWN_SKU', skus: ['NO-SUCH-PRODUCT'] });
    assert.equal(await availableOf(known), 10);
  });

  it('changes stock once when the same order is reserved twice, and answers the second time as the first, at the first prices', async () => {
    const sku = await productWithStock(10, 500);
    const command = order([{ sku, quantity: 3 }]);
    const first = await reserve.execute(command);
    await database.prisma.product.update({ where: { sku }, data: { priceCents: 900 } });
    const again = await reserve.execute({ ...command });
    assert.deepEqual(again, first);
    assert.equal(await availableOf(sku), 7);
  });

  it('answers a repeated reserve of a rejected order with the same refusal, even once stock has arrived', async () => {
    const sku = await productWithStock(1);
    const command = order([{ sku, quantity: 2 }]);
    const first = await reserve.execute(command);
    await database.prisma.product.update({ where: { sku }, data: { available: 50 } });
    assert.deepEqual(await reserve.execute(command), first);
    assert.equal(await availableOf(sku), 50);
  });

  it('returns the units of a released reservation once, however often the release is repeated', async () => {
    const sku = await productWithStock(10);
    const command = order([{ sku, quantity: 4 }]);
    await reserve.execute(command);
    assert.equal(await availableOf(sku), 6);
    const first = await release.execute(compensation(command));
    const second = await release.execute(compensation(command));
    assert.deepEqual([first.decision, second.decision], ['RETURN_UNITS', 'NOTHING_HELD']);
    assert.deepEqual(second.reply, { sagaId: command.sagaId, step: 'RELEASE_STOCK', orderId: command.orderId });
    assert.equal(await availableOf(sku), 10);
  });

  it('does not return units when a committed reservation is released', async () => {
    const sku = await productWithStock(10);
    const command = order([{ sku, quantity: 2 }]);
    await reserve.execute(command);
    const committed = await commit.execute(confirmation(command));
    assert.deepEqual(committed, { ok: true, reply: { sagaId: command.sagaId, step: 'COMMIT_RESERVATION', orderId: command.orderId } });
    const released = await release.execute(compensation(command));
    assert.deepEqual([released.previousStatus, released.decision], ['COMMITTED', 'NOTHING_HELD']);
    assert.equal(await availableOf(sku), 8);
  });

  it('treats a second commit as done, and refuses to commit an order that holds nothing', async () => {
    const sku = await productWithStock(10);
    const command = order([{ sku, quantity: 1 }]);
    await reserve.execute(command);
    assert.equal((await commit.execute(confirmation(command))).ok, true);
    assert.equal((await commit.execute(confirmation(command))).ok, true);

    const never = await commit.execute(confirmation(order([{ sku, quantity: 1 }])));
    assert.equal(!never.ok && never.error.code, 'INVENTORY.RESERVATION_NOT_FOUND');

    const releasedFirst = order([{ sku, quantity: 1 }]);
    await reserve.execute(releasedFirst);
    await release.execute(compensation(releasedFirst));
    const late = await commit.execute(confirmation(releasedFirst));
    assert.equal(!late.ok && late.error.code, 'INVENTORY.RESERVATION_NOT_HELD');
    assert.equal(await availableOf(sku), 9);
  });

  it('treats releasing an unknown reservation as a no-op, and a reserve that arrives after it reserves nothing', async () => {
    const sku = await productWithStock(10);
    const command = order([{ sku, quantity: 3 }]);
    const released = await release.execute(compensation(command));
    assert.equal(released.decision, 'RECORD_EARLY_RELEASE');
    assert.equal(await availableOf(sku), 10);
    assert.deepEqual(await reserve.execute(command), { kind: 'IGNORED', reason: 'RELEASED_BEFORE_RESERVED' });
    assert.equal(await availableOf(sku), 10);
  });

  it('completes concurrent orders that list the same products in opposite orders without deadlocking', async () => {
    const first = await productWithStock(1_000);
    const second = await productWithStock(1_000);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        reserve.execute(
          order(
            index % 2 === 0
              ? [
                  { sku: first, quantity: 1 },
                  { sku: second, quantity: 1 },
                ]
              : [
                  { sku: second, quantity: 1 },
                  { sku: first, quantity: 1 },
                ],
          ),
        ),
      ),
    );
    assert.ok(outcomes.every((outcome) => outcome.kind === 'RESERVED'));
    assert.deepEqual([await availableOf(first), await availableOf(second)], [970, 970]);
  });
});
