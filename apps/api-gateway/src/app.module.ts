import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE, RouterModule } from '@nestjs/core';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { HealthModule } from '@shop/observability';
import { RedisConnection } from '@shop/redis';
import { ResilienceModule } from '@shop/resilience';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { resiliencePoliciesFor } from './infrastructure/grpc/resilience-policies.config.js';
import { gatewayRedis } from './infrastructure/redis/gateway-redis.js';
import { API_BASE_PATH } from './interface/http/api-base-path.js';
import { HttpErrorFilter } from './interface/http/errors/http-error.filter.js';
import { HttpApiModule } from './interface/http/http-api.module.js';
import { TraceIdMiddleware } from './interface/http/tracing/trace-id.middleware.js';
import { RequestValidationPipe } from './interface/http/validation/request-validation.pipe.js';

@Module({
  imports: [
    ResilienceModule.forRootAsync({ inject: [SERVICE_CONFIG], useFactory: resiliencePoliciesFor }),
    HttpApiModule,
    RouterModule.register([{ path: API_BASE_PATH, module: HttpApiModule }]),
    // Readiness is Redis only: a downstream service being down degrades some routes, it does not make the gateway unfit for traffic.
    HealthModule.forRoot({ imports: [gatewayRedis], probes: [RedisConnection] }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useClass: RequestValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TraceIdMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
