// Test support: the inventory's catalog and reservation modules in-process, over a throw-away
// database and Redis prefix. Inbox and OutboxWriter are the real ones of @shop/messaging (they
// only need the database); Kafka is not involved.
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceConfigModule } from '@shop/bootstrap';
import { Inbox, OutboxWriter } from '@shop/messaging';
import { CatalogModule } from '../catalog.module.js';
import type { Config } from '../config.js';
import { ReservationsModule } from '../reservations.module.js';

@Global()
@Module({ providers: [Inbox, OutboxWriter], exports: [Inbox, OutboxWriter] })
class DatabaseMessagingModule {}

export function inventoryTestModule(config: Config) {
  @Module({ imports: [ServiceConfigModule.forRoot(config), DatabaseMessagingModule, CatalogModule, ReservationsModule] })
  class InventoryTestModule {}
  return InventoryTestModule;
}

/** The app context; starting it runs the catalog seed, as the service does on start. */
export async function startInventory(config: Config): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(inventoryTestModule(config), { logger: ['error'] });
  await app.init();
  return app;
}
