import { type OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import { Db, MongoClient } from 'mongodb';

/**
 * A service's MongoDB database (the one named in its URL) and its readiness probe. Queries stay
 * within what both MongoDB and the native stack's mongo-java-server support (see
 * infra/local/README.md): no transactions, no sessions.
 */
export class MongoConnection implements ReadinessProbe, OnApplicationShutdown {
  readonly dependency = 'mongo';
  readonly db: Db;
  private readonly client: MongoClient;

  constructor(url: string, appName: string) {
    // The driver connects lazily on first use and reconnects by itself.
    this.client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000, appName });
    this.db = this.client.db();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  // The last shutdown phase, once the consumers (the global MessagingModule's, destroyed after the
  // service's modules) have finished the message in hand and the gRPC server has stopped: closing
  // in onModuleDestroy would cut that message's work off halfway.
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
