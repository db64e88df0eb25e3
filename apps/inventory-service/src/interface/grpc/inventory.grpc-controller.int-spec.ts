import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { grpcOptionsFor, type inventoryV1 } from '@shop/contracts';
import { RedisConnection } from '@shop/redis';
import { freePort } from '@shop/testing';
import { ReserveStockHandler } from '../../application/reserve-stock/reserve-stock.handler.js';
import type { Config } from '../../config.js';
import { CatalogSeeder } from '../../infrastructure/seed/catalog-seeder.js';
import { SEED_PRODUCTS } from '../../infrastructure/seed/seed-products.js';
import { createInventoryDatabase, type InventoryDatabase } from '../../testing/inventory-database.js';
import { inventoryGrpcClient, type InventoryGrpcClient } from '../../testing/inventory-grpc-client.js';
import { inventoryTestModule } from '../../testing/inventory-test-app.js';
import { deleteKeys, testConfig } from '../../testing/test-config.js';

describe('the InventoryService gRPC API, called through a grpc-js client', () => {
  let database: InventoryDatabase;
  let config: Config;
  let server: INestMicroservice;
  let client: InventoryGrpcClient;

  before(async () => {
    database = await createInventoryDatabase('grpc');
    config = testConfig(database.url);
    const url = `127.0.0.1:${await freePort()}`;
    server = await NestFactory.createMicroservice(inventoryTestModule(config), {
      transport: Transport.GRPC,
      options: grpcOptionsFor('inventory', url),
      logger: ['error'],
    });
    await server.listen();
    client = inventoryGrpcClient(url);
  });

  after(async () => {
    client?.close();
    await deleteKeys(server.get(RedisConnection).client, config.CATALOG_CACHE_KEY_PREFIX);
    await server?.close();
    await database?.drop();
  });

  const newProduct = (overrides: Partial<inventoryV1.SetProductStockRequest> = {}): inventoryV1.SetProductStockRequest => ({
    sku: `E2E-${randomUUID().slice(0, 8).toUpperCase()}`,
    name: 'Fresh product for one test run',
    priceCents: 1_999,
    currency: 'EUR',
    available: 10,
    ...overrides,
  });

  async function refusal(call: Promise<unknown>): Promise<ServiceError> {
    const error = await call.then(
      () => assert.fail('the call succeeded'),
      (rejection: ServiceError) => rejection,
    );
    return error;
  }

  it('lists the seeded catalog by SKU: plenty of most products, a few of one, EUR prices in cents', async () => {
    const { products } = await client.listProducts();
    assert.deepEqual(
      products.map((product) => product.sku),
      SEED_PRODUCTS.map((product) => product.sku).sort(),
    );
    assert.ok(products.filter((product) => product.available >= 1_000_000).length >= 10);
    assert.deepEqual(
      products.find((product) => product.sku === 'LIMITED-EDITION-VINYL'),
      { sku: 'LIMITED-EDITION-VINYL', name: 'Limited edition vinyl record', priceCents: 3_999, currency: 'EUR', available: 10 },
    );
    for (const product of products) assert.ok(Number.isInteger(product.priceCents) && product.priceCents > 0 && product.currency === 'EUR');
  });

  it('gets products by SKU in the order asked, and lists unknown SKUs apart instead of failing', async () => {
    const response = await client.getProducts({ skus: ['USB-C-CABLE-1M', 'NOT-IN-THE-CATALOG', 'LAPTOP-STAND', 'USB-C-CABLE-1M'] });
    assert.deepEqual(
      response.products.map((product) => [product.sku, product.priceCents]),
      [
        ['USB-C-CABLE-1M', 999],
        ['LAPTOP-STAND', 3_499],
      ],
    );
    assert.deepEqual(response.unknownSkus, ['NOT-IN-THE-CATALOG']);
  });

  it('gets prices by SKU in the order asked, each once, without stock, and lists unknown SKUs apart', async () => {
    const response = await client.getPrices({ skus: ['LAPTOP-STAND', 'NOT-IN-THE-CATALOG', 'USB-C-CABLE-1M', 'LAPTOP-STAND'] });
    assert.deepEqual(response, {
      prices: [
        { sku: 'LAPTOP-STAND', priceCents: 3_499, currency: 'EUR' },
        { sku: 'USB-C-CABLE-1M', priceCents: 999, currency: 'EUR' },
      ],
      unknownSkus: ['NOT-IN-THE-CATALOG'],
    });
  });

  it('prices a product at its new price right after SetProductStock changed it', async () => {
    const request = newProduct();
    await client.setProductStock(request);
    assert.deepEqual((await client.getPrices({ skus: [request.sku] })).prices, [{ sku: request.sku, priceCents: 1_999, currency: 'EUR' }]);
    await client.setProductStock({ ...request, priceCents: 2_499 });
    assert.deepEqual((await client.getPrices({ skus: [request.sku] })).prices, [{ sku: request.sku, priceCents: 2_499, currency: 'EUR' }]);
  });

  it('creates a product with SetProductStock, and restocks it with a second call', async () => {
    const request = newProduct();
    assert.deepEqual(await client.setProductStock(request), { product: request });
    assert.deepEqual((await client.getProducts({ skus: [request.sku] })).products, [request]);

    const restocked = { ...request, priceCents: 2_499, available: 3 };
    assert.deepEqual(await client.setProductStock(restocked), { product: restocked });
    const listed = (await client.listProducts()).products.find((product) => product.sku === request.sku);
    assert.deepEqual(listed, restocked);
  });

  it('refuses malformed SetProductStock requests with INVALID_ARGUMENT naming the field at fault as the .proto spells it', async () => {
    const cases: [Partial<inventoryV1.SetProductStockRequest>, RegExp][] = [
      [{ sku: 'usb-c-cable' }, /sku must be upper-case kebab case/],
      [{ sku: '' }, /sku must be upper-case kebab case/],
      [{ name: '   ' }, /name must not be empty/],
      [{ priceCents: -1 }, /price_cents must not be negative/],
      [{ currency: 'USD' }, /currency must be EUR/],
      [{ available: -5 }, /available must not be negative/],
    ];
    for (const [change, message] of cases) {
      const error = await refusal(client.setProductStock(newProduct(change)));
      assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT, JSON.stringify(change));
      assert.match(error.details, message);
      assert.deepEqual(error.metadata.get('error-code'), ['REQUEST.INVALID']);
    }
  });

  it('refuses GetProducts and GetPrices with an empty SKU with INVALID_ARGUMENT', async () => {
    const skus = ['LAPTOP-STAND', ''];
    for (const call of [() => client.getProducts({ skus }), () => client.getPrices({ skus })]) {
      const error = await refusal(call());
      assert.equal(error.code, GrpcStatus.INVALID_ARGUMENT);
      assert.match(error.details, /skus\.1 must not be empty/);
    }
  });

  it('keeps the stock of existing products when the seed runs again, as on every restart', async () => {
    const reserved = await server.get(ReserveStockHandler).execute({
      sagaId: randomUUID(),
      step: 'RESERVE_STOCK',
      orderId: randomUUID(),
      items: [{ sku: 'LIMITED-EDITION-VINYL', quantity: 2 }],
    });
    assert.equal(reserved.kind, 'RESERVED');
    await server.get(CatalogSeeder).onApplicationBootstrap();
    const { products } = await client.getProducts({ skus: ['LIMITED-EDITION-VINYL'] });
    assert.equal(products[0]?.available, 8);
  });
});
