// A throw-away database migrated with this service's migrations (@shop/testing), with a Prisma
// client of the service's own schema for the tests' setup and assertions.
import { PrismaPg } from '@prisma/adapter-pg';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { PrismaClient } from '../generated/prisma/client.js';

export interface InventoryDatabase extends MigratedDatabase {
  prisma: PrismaClient;
}

export async function createInventoryDatabase(label: string): Promise<InventoryDatabase> {
  const database = await createMigratedDatabase({ service: 'inventory-service', label });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 20 }) });
  return {
    ...database,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}
