export { PostgresConnection, PrismaClientLike } from './postgres.connection.js';
export { PrismaModule, PrismaModuleOptions } from './prisma.module.js';
export { isUniqueViolation, PgDatabase, PgTransaction, SqlQueries, SqlStatement } from './postgres/pg-database.js';
export { createPostgresPool, hearClientErrors, inOneWrite } from './postgres/pg-pool.js';
export { MongoConnection } from './mongo/mongo.connection.js';
export { MongoModule, MongoModuleOptions } from './mongo/mongo.module.js';
