import { Module } from '@nestjs/common';
import { GatewayModule } from '../../gateway.module.js';
import { InfrastructureModule } from '../../infrastructure/infrastructure.module.js';
import { AuthController } from './auth/auth.controller.js';
import { AccessTokenGuard } from './guards/access-token.guard.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { ProductsController } from './products/products.controller.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';

/** The public REST API, mounted under API_BASE_PATH by the app module. */
@Module({
  imports: [GatewayModule, InfrastructureModule, RateLimitModule],
  controllers: [AuthController, ProductsController, OrdersController, NotificationsController],
  providers: [AccessTokenGuard],
})
export class HttpApiModule {}
