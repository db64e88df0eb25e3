import { SERVICE_CONFIG } from '@shop/bootstrap';
import { PrismaModule } from '@shop/persistence';
import type { Config } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** The inventory database, owned by this service alone. */
export const DatabaseModule = PrismaModule.forRootAsync({
  client: PrismaClient,
  useFactory: (config: Config) => ({ databaseUrl: config.DATABASE_URL }),
  inject: [SERVICE_CONFIG],
});
