import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSnakeCaseName, migrationTimestamp, nextMigrationFolderName, sortMigrationFolders } from './migration-name.mjs';

test('a migration folder is named <UTC timestamp to the second>_<name>', () => {
  const now = new Date('2025-03-04T05:06:07.890Z');
  assert.equal(migrationTimestamp(now), '20250304050607');
  assert.equal(nextMigrationFolderName('add_outbox', now, []), '20250304050607_add_outbox');
});

test('a new migration always sorts after the existing ones, even when the clock is behind them', () => {
  const existing = ['20250304050607_init', '20250304050610_add_outbox'];
  assert.equal(nextMigrationFolderName('add_inbox', new Date('2025-03-04T05:06:08Z'), existing), '20250304050611_add_inbox');
  assert.equal(nextMigrationFolderName('add_inbox', new Date('2025-03-04T05:06:10Z'), existing), '20250304050611_add_inbox');
  assert.equal(nextMigrationFolderName('add_inbox', new Date('2025-03-04T05:06:12Z'), existing), '20250304050612_add_inbox');
});

test('the timestamp carries over minutes, hours and days when it must move past the latest migration', () => {
  const existing = ['20241231235959_init'];
  assert.equal(nextMigrationFolderName('next', new Date('2024-01-01T00:00:00Z'), existing), '20250101000000_next');
});

test('folders without a timestamp prefix do not hold back new migrations', () => {
  assert.equal(nextMigrationFolderName('init', new Date('2025-01-01T00:00:00Z'), ['notes']), '20250101000000_init');
});

test('migrations are applied in the order of their folder names', () => {
  const folders = ['20250102000000_b', '20250101000000_a', '20250101000000_init'];
  assert.deepEqual(sortMigrationFolders(folders), ['20250101000000_a', '20250101000000_init', '20250102000000_b']);
  assert.deepEqual(folders, ['20250102000000_b', '20250101000000_a', '20250101000000_init'], 'the input is left as it was');
});

test('migration names must be snake_case', () => {
  for (const name of ['init', 'add_outbox', 'v2_saga_state']) assert.doesNotThrow(() => assertSnakeCaseName(name));
  for (const name of ['', 'Init', 'add-outbox', 'add__outbox', '_init', 'init_', 'add outbox', undefined]) {
    assert.throws(() => assertSnakeCaseName(name), /snake_case/, String(name));
  }
});
