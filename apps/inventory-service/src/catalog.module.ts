import { Module } from '@nestjs/common';
import { GetPricesQuery } from './application/get-prices/get-prices.query.js';
import { GetProductsQuery } from './application/get-products/get-products.query.js';
import { ListProductsQuery } from './application/list-products/list-products.query.js';
import { CatalogCache } from './application/ports/catalog-cache.js';
import { ProductStore } from './application/ports/product.store.js';
import { StockTransactions } from './application/ports/stock-transactions.js';
import { SetProductStockHandler } from './application/set-product-stock/set-product-stock.handler.js';
import { RedisCatalogCache } from './infrastructure/cache/catalog-cache.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { PgProductStore } from './infrastructure/persistence/pg-product.store.js';
import { PgStockTransactions } from './infrastructure/persistence/pg-stock-transactions.js';
import { CacheRedisModule } from './infrastructure/redis.module.js';
import { CatalogSeeder } from './infrastructure/seed/catalog-seeder.js';
import { InventoryGrpcController } from './interface/grpc/inventory.grpc-controller.js';

/** The catalog's use cases: gRPC reads through the cache, restocking. */
const useCases = [ListProductsQuery, GetProductsQuery, GetPricesQuery, SetProductStockHandler];

/** The catalog, the seed, and the transactions that keep the cache honest, with the adapters they run on. */
@Module({
  imports: [DatabaseModule, CacheRedisModule],
  controllers: [InventoryGrpcController],
  providers: [
    ...useCases,
    CatalogSeeder,
    { provide: CatalogCache, useClass: RedisCatalogCache },
    { provide: StockTransactions, useClass: PgStockTransactions },
    { provide: ProductStore, useClass: PgProductStore },
  ],
  exports: [DatabaseModule, CatalogCache, StockTransactions],
})
export class CatalogModule {}
