import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limiter protects the services behind the gateway; it must not become the outage
 * itself. While its storage (Redis) fails, requests are let through and the failure is logged.
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private failing = false;

  constructor(private readonly storage: ThrottlerStorage) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.storage.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) this.logger.log('rate-limit storage is back, limits apply again');
      this.failing = false;
      return record;
    } catch (error) {
      // Once per outage, not once per request.
      if (!this.failing) this.logger.warn(`rate-limit storage failed, letting requests through: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
