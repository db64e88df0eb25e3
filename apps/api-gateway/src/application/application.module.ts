import { Module } from '@nestjs/common';
import { InfrastructureModule } from '../infrastructure/infrastructure.module.js';
import { ListProductsService } from './list-products/list-products.service.js';
import { PlaceOrderService } from './place-order/place-order.service.js';

/** The use cases with logic of their own; plain reads go from the controllers to the gRPC clients. */
@Module({
  imports: [InfrastructureModule],
  providers: [PlaceOrderService, ListProductsService],
  exports: [PlaceOrderService, ListProductsService],
})
export class ApplicationModule {}
