import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsController } from './metrics.controller.js';
import { RpcMetricsInterceptor } from './rpc-metrics.interceptor.js';

/**
 * `GET /metrics`, and RED metrics for every gRPC handler. runService imports it into every app.
 * A gRPC server connected with `app.connectMicroservice(options, { inheritAppConfig: true })`
 * shares the app's global interceptors; without that option, Nest gives it none.
 */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: RpcMetricsInterceptor }],
})
export class MetricsModule {}
