// Test support: the inventory's catalog and reservation modules in-process, over a throw-away
// database and Redis prefix. The inbox and the outbox are @shop/messaging's (IdempotentCommands,
// which only needs the database); Kafka is not involved.
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceConfigModule } from '@shop/bootstrap';
import { CatalogModule } from '../catalog.module.js';
import type { Config } from '../config.js';
import { ReservationsModule } from '../reservations.module.js';

export function inventoryTestModule(config: Config) {
  @Module({ imports: [ServiceConfigModule.forRoot(config), CatalogModule, ReservationsModule] })
  class InventoryTestModule {}
  return InventoryTestModule;
}

/** The app context; starting it runs the catalog seed, as the service does on start. */
export async function startInventory(config: Config): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(inventoryTestModule(config), { logger: ['error'] });
  await app.init();
  return app;
}
