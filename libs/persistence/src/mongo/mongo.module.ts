import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { MongoConnection } from './mongo.connection.js';

export interface MongoModuleOptions {
  /** `{ url, appName }`: the database is the URL's path (`mongodb://host:27017/notifications`). */
  useFactory: (...dependencies: never[]) => { url: string; appName: string };
  inject?: InjectionToken[];
}

/** Provides a service's `MongoConnection`, which is also its readiness probe. */
@Module({})
export class MongoModule {
  static forRootAsync(options: MongoModuleOptions): DynamicModule {
    return {
      module: MongoModule,
      providers: [
        {
          provide: MongoConnection,
          useFactory: (...dependencies: never[]) => {
            const { url, appName } = options.useFactory(...dependencies);
            return new MongoConnection(url, appName);
          },
          inject: options.inject ?? [],
        },
      ],
      exports: [MongoConnection],
    };
  }
}
