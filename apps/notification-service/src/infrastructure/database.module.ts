import { SERVICE_CONFIG } from '@shop/bootstrap';
import { MongoModule } from '@shop/persistence';
import type { Config } from '../config.js';

/** The notification database in MongoDB, owned by this service alone. */
export const DatabaseModule = MongoModule.forRootAsync({
  useFactory: (config: Config) => ({ url: config.MONGO_URL, appName: 'notification-service' }),
  inject: [SERVICE_CONFIG],
});
