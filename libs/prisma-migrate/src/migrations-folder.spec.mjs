import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { latestSchemaSnapshot, readMigrationsList, writeMigration } from './migrations-folder.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'migrations-folder-spec-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function migrationsFolder(name) {
  const folder = join(scratch, name, 'migrations');
  mkdirSync(folder, { recursive: true });
  return folder;
}

test('the migrations list holds every migration folder in applying order, with its script', async () => {
  const folder = migrationsFolder('list');
  await writeMigration(folder, '20250102000000_second', { script: 'SELECT 2;', schema: 'second' });
  await writeMigration(folder, '20250101000000_first', { script: 'SELECT 1;', schema: 'first' });
  writeFileSync(join(folder, 'README.txt'), 'files beside the folders are not migrations');

  const list = await readMigrationsList(folder);
  assert.equal(list.baseDir, folder);
  assert.deepEqual(
    list.migrationDirectories.map((directory) => [directory.path, directory.migrationFile.content]),
    [
      ['20250101000000_first', { tag: 'ok', value: 'SELECT 1;' }],
      ['20250102000000_second', { tag: 'ok', value: 'SELECT 2;' }],
    ],
  );
  assert.match(list.lockfile.content, /^provider = "postgresql"$/m);
});

test('a migration folder without migration.sql is passed on as an error for the engine to report', async () => {
  const folder = migrationsFolder('broken');
  mkdirSync(join(folder, '20250101000000_empty'));
  const [directory] = (await readMigrationsList(folder)).migrationDirectories;
  assert.equal(directory.migrationFile.content.tag, 'error');
});

test('a missing migrations folder is an empty history', async () => {
  const list = await readMigrationsList(join(scratch, 'nothing-here'));
  assert.deepEqual(list.migrationDirectories, []);
  assert.equal(list.lockfile.content, null);
  assert.equal(await latestSchemaSnapshot(join(scratch, 'nothing-here')), null);
});

test('the latest schema snapshot is the one of the newest migration', async () => {
  const folder = migrationsFolder('snapshots');
  await writeMigration(folder, '20250101000000_init', { script: '', schema: 'model A {}' });
  await writeMigration(folder, '20250201000000_more', { script: '', schema: 'model B {}' });
  const snapshot = await latestSchemaSnapshot(folder);
  assert.equal(snapshot.folder, '20250201000000_more');
  assert.equal(snapshot.content, 'model B {}');
  assert.equal(readFileSync(join(folder, '20250101000000_init', 'schema.prisma'), 'utf8'), 'model A {}');
});

test('a newest migration without a snapshot is refused with a message that says what to do', async () => {
  const folder = migrationsFolder('native');
  await writeMigration(folder, '20250101000000_init', { script: '', schema: 'model A {}' });
  mkdirSync(join(folder, '20250201000000_made_by_prisma_migrate_dev'));
  writeFileSync(join(folder, '20250201000000_made_by_prisma_migrate_dev', 'migration.sql'), 'SELECT 1;');
  await assert.rejects(latestSchemaSnapshot(folder), /20250201000000_made_by_prisma_migrate_dev\/schema\.prisma is missing/);
});
