// What `deploy` must do like the native `prisma migrate deploy`: a migration script reaches
// PostgreSQL whole (semicolons inside literals and function bodies are fine) and runs in one
// implicit transaction, so a failing migration leaves nothing half-applied and fails the command.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runMigrateCli } from './support/migrate-cli.mjs';
import { createTemporaryDatabase, queryRows } from './support/temporary-database.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'prisma-migrate-deploy-'));
const databases = [];
after(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  rmSync(scratch, { recursive: true, force: true });
});

/** A prisma folder with hand-written migrations: `{ folderName: sql }`. */
function prismaFolder(name, migrations) {
  const root = join(scratch, name);
  mkdirSync(root);
  writeFileSync(join(root, 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
  for (const [folder, sql] of Object.entries(migrations)) {
    mkdirSync(join(root, 'migrations', folder), { recursive: true });
    writeFileSync(join(root, 'migrations', folder, 'migration.sql'), sql);
  }
  return join(root, 'schema.prisma');
}

async function temporaryDatabase(label) {
  const database = await createTemporaryDatabase(label);
  databases.push(database);
  return database;
}

const tableNames = async (database) => (await queryRows(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((row) => row.tablename);

test('a migration with semicolons inside a string literal and a $$ body is applied as written', async () => {
  const schema = prismaFolder('semicolons', {
    '20250101000000_init': `CREATE TABLE "notes" ("id" INT PRIMARY KEY, "body" TEXT NOT NULL DEFAULT 'one; two');
CREATE FUNCTION "touch"() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN NEW."body" := NEW."body" || ';'; RETURN NEW; END; $$;
`,
  });
  const database = await temporaryDatabase('semicolons');
  const result = await runMigrateCli(['deploy', '--service', 'notes-service', '--schema', schema], { databaseUrl: database.url });
  assert.equal(result.code, 0, result.stderr);
  const [column] = await queryRows(database, "SELECT column_default FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'body'");
  assert.equal(column.column_default, "'one; two'::text");
});

test('a failing migration changes nothing, is reported in one line and fails the command', async () => {
  const schema = prismaFolder('failing', {
    '20250101000000_init': 'CREATE TABLE "kept" ("id" INT PRIMARY KEY);\n',
    '20250102000000_broken': 'CREATE TABLE "half_applied" ("id" INT PRIMARY KEY);\nSELECT 1 / 0;\n',
  });
  const database = await temporaryDatabase('failing');
  const result = await runMigrateCli(['deploy', '--service', 'failing-service', '--schema', schema], { databaseUrl: database.url });
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^✖ failing-service \(.+\): .*division by zero/);
  assert.deepEqual(await tableNames(database), ['_prisma_migrations', 'kept']);
  const recorded = await queryRows(database, 'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name');
  assert.deepEqual(
    recorded.map((row) => [row.migration_name, row.finished_at !== null]),
    [
      ['20250101000000_init', true],
      ['20250102000000_broken', false],
    ],
  );
});

test('an unreachable database fails deploy with one line that names the server', async () => {
  const result = await runMigrateCli(['deploy', '--service', 'user-service'], { databaseUrl: 'postgresql://postgres@127.0.0.1:1/nowhere' });
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim(), "✖ user-service (postgres@127.0.0.1:1/nowhere): Can't reach database server at `127.0.0.1:1` Please make sure your database server is running at `127.0.0.1:1`.");
});
