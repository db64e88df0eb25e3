import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLineError, parseEngineLog } from './engine-messages.mjs';

test('an engine error loses its Rust backtrace and keeps what went wrong', () => {
  const error = new Error(
    'external connector error\nError querying the database: ERROR: division by zero\n   0: sql_schema_connector::apply_migration::apply_script\n           with migration_name="20240102000000_b"\n             at schema-engine/connectors/sql-schema-connector/src/apply_migration.rs:113\n',
  );
  assert.equal(oneLineError(error), 'Error querying the database: ERROR: division by zero');
});

test('a schema validation error keeps its location and drops the code frame', () => {
  const error = Object.assign(
    new Error('error: Error validating: This line is invalid. It does not start with any known Prisma schema keyword.\n  -->  apps/user-service/prisma/schema.prisma:1\n   | \n   | \n 1 | model X {\n   | \n'),
    { code: 'P1012' },
  );
  assert.equal(
    oneLineError(error),
    'P1012 Error validating: This line is invalid. It does not start with any known Prisma schema keyword. --> apps/user-service/prisma/schema.prisma:1',
  );
});

test('a connection error becomes one line', () => {
  const error = new Error("Can't reach database server at `127.0.0.1:1`\n\nPlease make sure your database server is running at `127.0.0.1:1`.");
  assert.equal(oneLineError(error), "Can't reach database server at `127.0.0.1:1` Please make sure your database server is running at `127.0.0.1:1`.");
});

test('anything thrown, even a string, gives a message', () => {
  assert.equal(oneLineError('plain text'), 'plain text');
  assert.equal(oneLineError(new TypeError('')), 'TypeError');
});

test('engine log lines are read as level and message', () => {
  const line = '{"level":"WARN","fields":{"message":"Applying `x`","script":"SELECT 1"},"target":"schema_commands"}\n';
  assert.deepEqual(parseEngineLog(line), { level: 'warn', text: 'Applying `x`' });
  assert.deepEqual(parseEngineLog('not json\n'), { level: 'info', text: 'not json' });
});
