export { PostgresConnection, PrismaClientLike } from './postgres.connection.js';
export { PrismaModule, PrismaModuleOptions } from './prisma.module.js';
