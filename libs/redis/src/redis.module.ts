import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { RedisConnection } from './redis.connection.js';

export interface RedisModuleOptions {
  useFactory: (...dependencies: never[]) => { url: string };
  inject?: InjectionToken[];
}

@Module({})
export class RedisModule {
  static forRootAsync(options: RedisModuleOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: RedisConnection,
          useFactory: (...dependencies: never[]) => new RedisConnection(options.useFactory(...dependencies).url),
          inject: options.inject ?? [],
        },
      ],
      exports: [RedisConnection],
    };
  }
}
