import { Module } from '@nestjs/common';
import { GetProductsQuery } from './application/get-products/get-products.query';
import { ListProductsQuery } from './application/list-products/list-products.query';
import { SetProductStockHandler } from './application/set-product-stock/set-product-stock.handler';
import { CatalogCache } from './infrastructure/cache/catalog-cache';
import { DatabaseModule } from './infrastructure/database.module';
import { ProductRepository } from './infrastructure/product.repository';
import { CacheRedisModule } from './infrastructure/redis.module';
import { CatalogSeeder } from './infrastructure/seed/catalog-seeder';
import { StockTransactions } from './infrastructure/stock-transactions';
import { InventoryGrpcController } from './interface/grpc/inventory.grpc-controller';

/** The catalog: gRPC reads through the cache, restocking, the seed, and the transactions that keep the cache honest. */
@Module({
  imports: [DatabaseModule, CacheRedisModule],
  controllers: [InventoryGrpcController],
  providers: [CatalogCache, StockTransactions, ProductRepository, ListProductsQuery, GetProductsQuery, SetProductStockHandler, CatalogSeeder],
  exports: [DatabaseModule, CatalogCache, StockTransactions],
})
export class CatalogModule {}
