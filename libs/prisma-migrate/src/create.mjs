// `create`: a new migration is the difference between the schema as of the latest migration (its
// snapshot) and the current schema.prisma, computed by the engine without any database.
import { relative } from 'node:path';
import { openSchemaEngine } from './engine.mjs';
import { nextMigrationFolderName } from './migration-name.mjs';
import { latestSchemaSnapshot, migrationFolderNames, writeMigration } from './migrations-folder.mjs';
import { OfflinePostgresAdapterFactory } from './offline-adapter.mjs';
import { readSchema } from './schema-file.mjs';

/** Writes the migration and returns `{ folder, path }`, or returns null when the schema has not changed. */
export async function createMigration({ paths, name, now = new Date(), onLog }) {
  const current = { path: relative(process.cwd(), paths.schema), content: await readSchema(paths.schema) };
  const snapshot = await latestSchemaSnapshot(paths.migrations);
  const from = snapshot && [{ path: relative(process.cwd(), snapshot.path), content: snapshot.content }];
  const folder = nextMigrationFolderName(name, now, await migrationFolderNames(paths.migrations));

  const engine = await openSchemaEngine({ schemaFiles: [current], adapterFactory: new OfflinePostgresAdapterFactory(), onLog });
  let script;
  try {
    script = await engine.migrationScript({ from, to: [current] });
  } finally {
    await engine.close();
  }
  if (script === null) return null;
  return { folder, path: await writeMigration(paths.migrations, folder, { script, schema: current.content }) };
}

