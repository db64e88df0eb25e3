export { RedisConnection } from './redis.connection';
export { RedisModule, RedisModuleOptions } from './redis.module';
