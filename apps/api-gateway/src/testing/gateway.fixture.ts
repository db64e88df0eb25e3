import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveOpenApiDocs } from '../interface/http/docs/openapi-docs.js';
import { ServiceConfigModule } from '@shop/bootstrap';
import { RedisConnection } from '@shop/redis';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../app.module.js';
import { type Config, configSchema } from '../config.js';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RunningGateway {
  app: INestApplication;
  url: string;
  config: Config;
  /** The gateway's own connection, to look at or plant what it keeps in Redis. */
  redis: RedisConnection;
  close(): Promise<void>;
}

/**
 * The gateway's AppModule on a free port with `env` as its environment (validated by the real
 * schema), its Redis keys under a prefix of its own so it shares nothing with the running stack.
 * close() stops it and deletes those keys.
 */
export async function startGateway(env: Record<string, string>): Promise<RunningGateway> {
  const config = configSchema.parse({ REDIS_URL: LOCAL_REDIS_URL, REDIS_KEY_PREFIX: `gateway-test-${randomUUID()}:`, NODE_ENV: 'test', ...env });

  @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
  class GatewayTestModule {}

  const app = await NestFactory.create(GatewayTestModule, { logger: false });
  serveOpenApiDocs(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const redis = app.get(RedisConnection);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    redis,
    async close() {
      const keys = await redis.client.keys(`${config.REDIS_KEY_PREFIX}*`);
      if (keys.length > 0) await redis.client.del(...keys);
      await app.close();
    },
  };
}
