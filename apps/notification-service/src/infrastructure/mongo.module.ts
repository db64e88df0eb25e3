import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import type { Config } from '../config.js';
import { MongoConnection } from './mongo.connection.js';

@Module({
  providers: [{ provide: MongoConnection, useFactory: (config: Config) => new MongoConnection(config.MONGO_URL), inject: [SERVICE_CONFIG] }],
  exports: [MongoConnection],
})
export class MongoModule {}
