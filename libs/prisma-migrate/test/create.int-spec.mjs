// `create` on scratch copies of the services' prisma folders (the real ones are never touched):
// nothing to do when the schema matches its latest migration; after a schema change, a migration
// that brings an already migrated database to the new schema.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { postgresApps } from '@shop/topology';
import { copyPrismaFolder, runMigrateCli, scriptFromEmpty } from './support/migrate-cli.mjs';
import { dumpSchema } from './support/schema-dump.mjs';
import { createTemporaryDatabase, runScript } from './support/temporary-database.mjs';

const cleanups = [];
after(() => Promise.all(cleanups.map((cleanup) => cleanup())));

function scratchPrismaFolder(service) {
  const folder = copyPrismaFolder(service);
  cleanups.push(folder.remove);
  return folder;
}

async function temporaryDatabase(label) {
  const database = await createTemporaryDatabase(label);
  cleanups.push(database.drop);
  return database;
}

test('create says "no changes" and writes nothing when every schema matches its latest migration', async () => {
  await Promise.all(
    postgresApps.map(async ({ name: service }) => {
      const folder = scratchPrismaFolder(service);
      const before = folder.migrationFolders();
      const result = await runMigrateCli(['create', '--service', service, '--schema', folder.schema, '--name', 'nothing']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), `${service}: no changes, no migration created`);
      assert.deepEqual(folder.migrationFolders(), before);
    }),
  );
});

test('a migration created after a schema change brings a migrated database to the new schema', async () => {
  const service = 'inventory-service';
  const folder = scratchPrismaFolder(service);
  const changedSchema = readFileSync(folder.schema, 'utf8')
    .replace(/^(\s+available\s+Int)$/m, '$1\n  description String? @db.VarChar(2000)')
    .concat('\nmodel Warehouse {\n  code String @id @db.VarChar(16)\n  city String\n\n  @@index([city])\n  @@map("warehouses")\n}\n');
  assert.match(changedSchema, /description String\?/);
  writeFileSync(folder.schema, changedSchema);
  const migrationsBefore = folder.migrationFolders().length;

  const created = await runMigrateCli(['create', '--service', service, '--schema', folder.schema, '--name', 'add_warehouses']);
  assert.equal(created.code, 0, created.stderr);
  const newFolder = folder.migrationFolders().at(-1);
  assert.match(newFolder, /^\d{14}_add_warehouses$/);
  assert.equal(folder.migrationFolders().length, migrationsBefore + 1);
  assert.equal(readFileSync(join(folder.migrations, newFolder, 'schema.prisma'), 'utf8'), changedSchema, 'the snapshot is the new schema');
  const script = readFileSync(join(folder.migrations, newFolder, 'migration.sql'), 'utf8');
  assert.match(script, /ALTER TABLE "products" ADD COLUMN\s+"description" VARCHAR\(2000\)/);
  assert.match(script, /CREATE TABLE "warehouses"/);
  assert.doesNotMatch(script, /CREATE TABLE "products"/, 'only the change, not the whole schema');

  const [migrated, fromSchema] = await Promise.all([temporaryDatabase('create_migrated'), temporaryDatabase('create_schema')]);
  const deploy = await runMigrateCli(['deploy', '--service', service, '--schema', folder.schema], { databaseUrl: migrated.url });
  assert.equal(deploy.code, 0, deploy.stderr);
  assert.match(deploy.stdout, new RegExp(`applied \\d{14}_init, .*${newFolder}$`, 'm'));
  await runScript(fromSchema, await scriptFromEmpty(service, folder.schema));
  assert.equal(await dumpSchema(migrated), await dumpSchema(fromSchema));

  const again = await runMigrateCli(['create', '--service', service, '--schema', folder.schema, '--name', 'again']);
  assert.match(again.stdout, /no changes/);
});

test('create refuses a name that is not snake_case, and a schema that does not validate, in one line', async () => {
  const folder = scratchPrismaFolder('order-service');
  const migrationsBefore = folder.migrationFolders().length;
  const badName = await runMigrateCli(['create', '--service', 'order-service', '--schema', folder.schema, '--name', 'Add-Thing']);
  assert.equal(badName.code, 1);
  assert.match(badName.stderr, /^✖ order-service: migration name must be snake_case/);

  writeFileSync(folder.schema, readFileSync(folder.schema, 'utf8').concat('\nmodel Broken {\n  id Strin @id\n}\n'));
  const invalid = await runMigrateCli(['create', '--service', 'order-service', '--schema', folder.schema, '--name', 'broken']);
  assert.equal(invalid.code, 1);
  assert.equal(invalid.stderr.trim().split('\n').length, 1, invalid.stderr);
  assert.match(invalid.stderr, /P1012 .*Strin.*schema\.prisma:\d+/);
  assert.equal(folder.migrationFolders().length, migrationsBefore, 'no migration folder is written');
});
