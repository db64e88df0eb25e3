import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';

/** The part of a generated Prisma client that readiness and shutdown need. */
export interface PrismaClientLike {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}

/** Readiness and clean shutdown for a service's Prisma client. */
@Injectable()
export class PostgresConnection implements ReadinessProbe, OnApplicationShutdown {
  readonly dependency = 'postgres';

  constructor(private readonly client: PrismaClientLike) {}

  async ping(): Promise<void> {
    await this.client.$queryRawUnsafe('SELECT 1');
  }

  // Connections close in the last shutdown phase, after consumers and relays (which stop in
  // onModuleDestroy) and in-flight HTTP requests have finished with them.
  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
  }
}
