import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PostgresConnection, PrismaClientLike } from './postgres.connection.js';
import { PgDatabase } from './postgres/pg-database.js';
import { createPostgresPool } from './postgres/pg-pool.js';

export interface PrismaModuleOptions<Client extends PrismaClientLike> {
  /** The service's generated `PrismaClient` class; also the injection token of its instance. */
  client: new (options: { adapter: PrismaPg }) => Client;
  useFactory: (...dependencies: never[]) => { databaseUrl: string; poolSize?: number };
  inject?: InjectionToken[];
}

/**
 * Provides a service's generated Prisma client over node-postgres (`@prisma/adapter-pg`, so no
 * query-engine binary), `PgDatabase` on the same pool (plain node-postgres, for the hot paths),
 * and its readiness probe.
 */
@Module({})
export class PrismaModule {
  static forRootAsync<Client extends PrismaClientLike>(options: PrismaModuleOptions<Client>): DynamicModule {
    return {
      module: PrismaModule,
      providers: [
        {
          provide: Pool,
          useFactory: (...dependencies: never[]) => {
            const { databaseUrl, poolSize } = options.useFactory(...dependencies);
            return createPostgresPool(databaseUrl, poolSize);
          },
          inject: options.inject ?? [],
        },
        { provide: options.client, useFactory: (pool: Pool) => new options.client({ adapter: new PrismaPg(pool) }), inject: [Pool] },
        { provide: PgDatabase, useFactory: (pool: Pool) => new PgDatabase(pool), inject: [Pool] },
        { provide: PostgresConnection, useFactory: (client: Client, pool: Pool) => new PostgresConnection(client, pool), inject: [options.client, Pool] },
      ],
      exports: [options.client, PgDatabase, PostgresConnection],
    };
  }
}
