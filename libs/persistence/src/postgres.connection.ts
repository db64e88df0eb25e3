import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import type { Pool } from 'pg';

/** The part of a generated Prisma client that readiness and shutdown need. */
export interface PrismaClientLike {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}

/** Readiness and clean shutdown for a service's Prisma client and the pool under it. */
@Injectable()
export class PostgresConnection implements ReadinessProbe, OnApplicationShutdown {
  readonly dependency = 'postgres';

  constructor(
    private readonly client: PrismaClientLike,
    private readonly pool: Pool,
  ) {}

  async ping(): Promise<void> {
    await this.client.$queryRawUnsafe('SELECT 1');
  }

  // Connections close in the last shutdown phase, after consumers and relays (which stop in
  // onModuleDestroy) and in-flight HTTP requests have finished with them. The pool is the
  // module's, not Prisma's: Prisma leaves a pool it was given open.
  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
    await this.pool.end();
  }
}
