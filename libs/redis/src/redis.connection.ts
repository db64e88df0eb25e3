import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import { Redis } from 'ioredis';

/** The app's one Redis connection. Redis holds rate limits, idempotency keys and caches, never a system of record. */
@Injectable()
export class RedisConnection implements ReadinessProbe, OnApplicationShutdown {
  readonly dependency = 'redis';
  readonly client: Redis;
  private readonly logger = new Logger(RedisConnection.name);
  private lastError: string | undefined;

  constructor(url: string) {
    // Commands fail fast while disconnected instead of queueing without bound.
    this.client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
    // Each distinct error is logged once, not once per reconnect attempt.
    this.client.on('error', (error: Error) => {
      if (error.message === this.lastError) return;
      this.lastError = error.message;
      this.logger.warn(`redis connection error: ${error.message}`);
    });
    this.client.on('ready', () => (this.lastError = undefined));
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  // Connections close in the last shutdown phase, after consumers and relays (which stop in
  // onModuleDestroy) and in-flight HTTP requests have finished with them.
  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
