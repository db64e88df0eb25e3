import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { HealthModule } from '@shop/observability';
import { RedisConnection, RedisModule } from '@shop/redis';
import type { Config } from './config';

const redis = RedisModule.forRootAsync({ useFactory: (config: Config) => ({ url: config.REDIS_URL }), inject: [SERVICE_CONFIG] });

@Module({
  imports: [redis, HealthModule.forRoot({ imports: [redis], probes: [RedisConnection] })],
})
export class AppModule {}
