import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PostgresConnection, PrismaClientLike } from './postgres.connection.js';
import { PgDatabase } from './postgres/pg-database.js';

export interface PrismaModuleOptions<Client extends PrismaClientLike> {
  /** The service's generated `PrismaClient` class; also the injection token of its instance. */
  client: new (options: { adapter: PrismaPg }) => Client;
  useFactory: (...dependencies: never[]) => { databaseUrl: string; poolSize?: number };
  inject?: InjectionToken[];
}

/**
 * Bounds a statement can never reach in a healthy system, so a stuck one fails rather than holds
 * a pooled connection and its locks: a statement (a lock wait included) 15 s, a transaction
 * left idle by its code 15 s, the wait for a pooled connection 10 s (a burst of orders queues).
 * An idle connection closes after a minute, not node-postgres's 10 s: under a steady load, the
 * connections opened at each peak were closed and opened again (a new PostgreSQL backend, its
 * statements prepared again), a visible share of PostgreSQL's CPU per order.
 */
const POOL_LIMITS = { statement_timeout: 15_000, idle_in_transaction_session_timeout: 15_000, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 60_000 };

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
            const { databaseUrl, poolSize = 10 } = options.useFactory(...dependencies);
            const pool = new Pool({ connectionString: databaseUrl, max: poolSize, ...POOL_LIMITS });
            // An idle pooled connection that dies (a database restart) emits 'error' on the pool:
            // unheard, it would crash the process. The next statement meets the outage and reports it.
            pool.on('error', () => undefined);
            return pool;
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
