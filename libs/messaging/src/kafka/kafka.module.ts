import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { KafkaConnection, KafkaConnectionOptions } from './kafka.connection.js';

export interface KafkaModuleOptions {
  useFactory: (...dependencies: never[]) => KafkaConnectionOptions;
  inject?: InjectionToken[];
}

@Module({})
export class KafkaModule {
  static forRootAsync(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: KafkaConnection,
          useFactory: (...dependencies: never[]) => new KafkaConnection(options.useFactory(...dependencies)),
          inject: options.inject ?? [],
        },
      ],
      exports: [KafkaConnection],
    };
  }
}
