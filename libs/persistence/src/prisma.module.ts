import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PostgresConnection, PrismaClientLike } from './postgres.connection.js';

export interface PrismaModuleOptions<Client extends PrismaClientLike> {
  /** The service's generated `PrismaClient` class; also the injection token of its instance. */
  client: new (options: { adapter: PrismaPg }) => Client;
  useFactory: (...dependencies: never[]) => { databaseUrl: string; poolSize?: number };
  inject?: InjectionToken[];
}

/**
 * Provides a service's generated Prisma client over node-postgres (`@prisma/adapter-pg`, so no
 * query-engine binary), plus its readiness probe.
 */
@Module({})
export class PrismaModule {
  static forRootAsync<Client extends PrismaClientLike>(options: PrismaModuleOptions<Client>): DynamicModule {
    return {
      module: PrismaModule,
      providers: [
        {
          provide: options.client,
          useFactory: (...dependencies: never[]) => {
            const { databaseUrl, poolSize = 10 } = options.useFactory(...dependencies);
            return new options.client({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
          },
          inject: options.inject ?? [],
        },
        { provide: PostgresConnection, useFactory: (client: Client) => new PostgresConnection(client), inject: [options.client] },
      ],
      exports: [options.client, PostgresConnection],
    };
  }
}
