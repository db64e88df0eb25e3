import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import { Db, MongoClient } from 'mongodb';

/**
 * The notification store. Queries stay within what both MongoDB and the native stack's
 * mongo-java-server support (see infra/local/README.md).
 */
@Injectable()
export class MongoConnection implements ReadinessProbe, OnModuleDestroy {
  readonly dependency = 'mongo';
  readonly db: Db;
  private readonly client: MongoClient;

  constructor(url: string) {
    // The driver connects lazily on first use and reconnects by itself.
    this.client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000, appName: 'notification-service' });
    this.db = this.client.db();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }
}
