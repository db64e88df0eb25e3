import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { CATALOG_CURRENCY } from '../../domain/product.js';
import { createInventoryDatabase, type InventoryDatabase } from '../../testing/inventory-database.js';
import { startInventory } from '../../testing/inventory-test-app.js';
import { deleteKeys, testConfig } from '../../testing/test-config.js';
import { CommitReservationHandler } from '../commit-reservation/commit-reservation.handler.js';
import { ReleaseStockHandler } from '../release-stock/release-stock.handler.js';
import { ReserveStockHandler } from '../reserve-stock/reserve-stock.handler.js';
import { ExpireHeldReservationsHandler } from './expire-held-reservations.handler.js';

describe('held reservations past their limit (PostgreSQL)', () => {
  let database: InventoryDatabase;
  let app: INestApplicationContext;
  let cachePrefix: string;

  before(async () => {
    database = await createInventoryDatabase('expiry');
    const config = testConfig(database.url);
    cachePrefix = config.CATALOG_CACHE_KEY_PREFIX;
    app = await startInventory(config);
  });
  after(async () => {
    await deleteKeys(app.get(RedisConnection).client, cachePrefix);
    await app.close();
    await database.drop();
  });

  async function productWithStock(available: number): Promise<string> {
    const sku = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    await database.prisma.product.create({ data: { sku, name: `Test product ${sku}`, priceCents: 1_000, currency: CATALOG_CURRENCY, available } });
    return sku;
  }
  const availableOf = async (sku: string) => (await database.prisma.product.findUniqueOrThrow({ where: { sku } })).available;
  const reservationOf = (orderId: string) => database.prisma.stockReservation.findUniqueOrThrow({ where: { orderId } });
  /** Reserves `quantity` for a new order, `ageHours` ago. */
  async function reserved(sku: string, quantity: number, ageHours: number) {
    const command = { sagaId: randomUUID(), step: 'RESERVE_STOCK' as const, orderId: randomUUID(), items: [{ sku, quantity }] };
    await app.get(ReserveStockHandler).execute(command);
    await database.prisma.$executeRaw`UPDATE stock_reservations SET created_at = now() - make_interval(hours => ${ageHours}) WHERE order_id = ${command.orderId}::uuid`;
    return command;
  }

  it('gives back the units of a reservation held past the limit and records when; younger and committed ones keep theirs', async () => {
    const sku = await productWithStock(10);
    const abandoned = await reserved(sku, 3, 25);
    const recent = await reserved(sku, 2, 1);
    const committed = await reserved(sku, 1, 25);
    await app.get(CommitReservationHandler).execute({ ...committed, step: 'COMMIT_RESERVATION' });
    assert.equal(await availableOf(sku), 4);

    assert.equal(await app.get(ExpireHeldReservationsHandler).sweepOnce(), 1);

    assert.equal(await availableOf(sku), 7);
    const expired = await reservationOf(abandoned.orderId);
    assert.equal(expired.status, 'RELEASED');
    assert.ok(expired.expiredAt instanceof Date);
    assert.equal((await reservationOf(recent.orderId)).status, 'RESERVED');
    assert.equal((await reservationOf(committed.orderId)).status, 'COMMITTED');
    assert.equal(await app.get(ExpireHeldReservationsHandler).sweepOnce(), 0, 'nothing is expired twice');
  });

  it('acknowledges a late release of an expired reservation without returning its units twice, and refuses a late commit', async () => {
    const sku = await productWithStock(5);
    const abandoned = await reserved(sku, 5, 48);
    await app.get(ExpireHeldReservationsHandler).sweepOnce();
    assert.equal(await availableOf(sku), 5);

    const release = await app.get(ReleaseStockHandler).execute({ sagaId: abandoned.sagaId, step: 'RELEASE_STOCK', orderId: abandoned.orderId });
    assert.equal(release.decision, 'NOTHING_HELD');
    assert.deepEqual(release.reply, { sagaId: abandoned.sagaId, step: 'RELEASE_STOCK', orderId: abandoned.orderId });
    assert.equal(await availableOf(sku), 5);

    const commit = await app.get(CommitReservationHandler).execute({ sagaId: abandoned.sagaId, step: 'COMMIT_RESERVATION', orderId: abandoned.orderId });
    assert.equal(commit.ok, false);
    assert.equal(await availableOf(sku), 5);
  });
});
