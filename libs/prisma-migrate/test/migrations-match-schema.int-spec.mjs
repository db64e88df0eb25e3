// The migrations of each service, replayed from nothing, must give exactly the database that its
// current schema.prisma describes: a schema edited without `create` fails here. Deploy is also
// idempotent: a second run applies nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { postgresApps } from '@shop/topology';
import { repositoryRoot, runMigrateCli, scriptFromEmpty } from './support/migrate-cli.mjs';
import { dumpSchema } from './support/schema-dump.mjs';
import { createTemporaryDatabase, queryRows, runScript } from './support/temporary-database.mjs';

const databases = [];
after(() => Promise.all(databases.map((database) => database.drop())));

async function temporaryDatabase(label) {
  const database = await createTemporaryDatabase(label);
  databases.push(database);
  return database;
}

describe('the migrations of every PostgreSQL service', { concurrency: true }, () => {
  for (const { name: service } of postgresApps) {
    test(`${service}: replaying its migrations gives the schema its schema.prisma describes, and a second deploy applies nothing`, async () => {
      const [migrated, fromSchema] = await Promise.all([temporaryDatabase(`${service}_migrated`), temporaryDatabase(`${service}_schema`)]);

      const deploy = await runMigrateCli(['deploy', '--service', service], { databaseUrl: migrated.url });
      assert.equal(deploy.code, 0, deploy.stderr);
      assert.match(deploy.stdout, new RegExp(`^${service} \\(.*${migrated.name}\\): applied \\d{14}_init`));

      await runScript(fromSchema, await scriptFromEmpty(service, join(repositoryRoot, 'apps', service, 'prisma', 'schema.prisma')));
      const [migratedSchema, expectedSchema] = await Promise.all([dumpSchema(migrated), dumpSchema(fromSchema)]);
      assert.match(expectedSchema, /CREATE TABLE/, 'the schema defines tables');
      assert.equal(migratedSchema, expectedSchema);

      const again = await runMigrateCli(['deploy', '--service', service], { databaseUrl: migrated.url });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /: up to date \(\d+ migrations?\)$/m);
      const recorded = await queryRows(migrated, 'SELECT migration_name, finished_at FROM _prisma_migrations');
      assert.ok(recorded.length >= 1 && recorded.every((row) => row.finished_at), 'every migration is recorded as finished');
    });
  }
});
