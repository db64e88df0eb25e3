export { RedisConnection } from './redis.connection.js';
export { RedisModule, RedisModuleOptions } from './redis.module.js';
