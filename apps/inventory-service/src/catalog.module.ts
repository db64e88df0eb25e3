import { Module } from '@nestjs/common';
import { GetProductsQuery } from './application/get-products/get-products.query.js';
import { ListProductsQuery } from './application/list-products/list-products.query.js';
import { SetProductStockHandler } from './application/set-product-stock/set-product-stock.handler.js';
import { CatalogCache } from './infrastructure/cache/catalog-cache.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { ProductRepository } from './infrastructure/product.repository.js';
import { CacheRedisModule } from './infrastructure/redis.module.js';
import { CatalogSeeder } from './infrastructure/seed/catalog-seeder.js';
import { StockTransactions } from './infrastructure/stock-transactions.js';
import { InventoryGrpcController } from './interface/grpc/inventory.grpc-controller.js';

/** The catalog: gRPC reads through the cache, restocking, the seed, and the transactions that keep the cache honest. */
@Module({
  imports: [DatabaseModule, CacheRedisModule],
  controllers: [InventoryGrpcController],
  providers: [CatalogCache, StockTransactions, ProductRepository, ListProductsQuery, GetProductsQuery, SetProductStockHandler, CatalogSeeder],
  exports: [DatabaseModule, CatalogCache, StockTransactions],
})
export class CatalogModule {}
