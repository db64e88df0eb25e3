import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import { Db, MongoClient } from 'mongodb';

/**
 * The notification store. Queries stay within what both MongoDB and the native stack's
 * mongo-java-server support (see infra/local/README.md).
 */
@Injectable()
export class MongoConnection implements ReadinessProbe, OnApplicationShutdown {
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

  // The last shutdown phase, once the consumers (the global MessagingModule's, destroyed after this
  // module) have finished the event in hand and the gRPC server has stopped: closing in
  // onModuleDestroy would cut that event off between its email and its SENT.
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
