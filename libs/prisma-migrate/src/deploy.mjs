// `deploy`: applies the migrations a database has not seen yet and records them in
// `_prisma_migrations`, exactly as `prisma migrate deploy` does (same engine code, same checksums),
// so the native CLI and this tool can take turns on the same database.
import { relative } from 'node:path';
import { openSchemaEngine } from './engine.mjs';
import { readMigrationsList } from './migrations-folder.mjs';
import { MigrationPostgresAdapterFactory } from './postgres-adapter.mjs';
import { readSchema } from './schema-file.mjs';

/** Returns `{ applied, known }`: the names of the migrations applied now, and how many the folder holds. */
export async function deployMigrations({ paths, connection, onLog }) {
  const schema = { path: relative(process.cwd(), paths.schema), content: await readSchema(paths.schema) };
  const migrationsList = await readMigrationsList(paths.migrations);
  const engine = await openSchemaEngine({ schemaFiles: [schema], adapterFactory: new MigrationPostgresAdapterFactory(connection), onLog });
  try {
    const applied = await engine.applyMigrations(migrationsList);
    return { applied, known: migrationsList.migrationDirectories.length };
  } finally {
    await engine.close();
  }
}
