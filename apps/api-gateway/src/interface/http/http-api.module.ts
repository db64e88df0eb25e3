import { Module } from '@nestjs/common';
import { ApplicationModule } from '../../application/application.module';
import { InfrastructureModule } from '../../infrastructure/infrastructure.module';
import { AuthController } from './auth/auth.controller';
import { AccessTokenGuard } from './guards/access-token.guard';
import { NotificationsController } from './notifications/notifications.controller';
import { OrdersController } from './orders/orders.controller';
import { ProductsController } from './products/products.controller';
import { RateLimitModule } from './rate-limit/rate-limit.module';

/** The public REST API, mounted under API_BASE_PATH by the app module. */
@Module({
  imports: [ApplicationModule, InfrastructureModule, RateLimitModule],
  controllers: [AuthController, ProductsController, OrdersController, NotificationsController],
  providers: [AccessTokenGuard],
})
export class HttpApiModule {}
