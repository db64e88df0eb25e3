export { PostgresConnection, PrismaClientLike } from './postgres.connection';
export { PrismaModule, PrismaModuleOptions } from './prisma.module';
