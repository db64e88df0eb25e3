// Only for the native Prisma CLI (`prisma migrate dev|deploy|status --config <this file>`), where
// its schema-engine binary can be downloaded. Day to day, migrations go through
// libs/prisma-migrate (`npm run db:migrate`), which needs no binary; `prisma generate` needs no
// configuration either. Paths are relative to this file.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // Read lazily by the commands that connect, so generate and validate work without it.
  datasource: { url: process.env.DATABASE_URL ?? '', shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL },
});
