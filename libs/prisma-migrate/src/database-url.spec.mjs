import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeConnection, postgresConnectionFromUrl } from './database-url.mjs';

test('a database URL becomes discrete pool fields, with credentials decoded', () => {
  const connection = postgresConnectionFromUrl('postgresql://order_service:p%40ss%2Fword@db.internal:6543/order_service');
  assert.deepEqual(connection, {
    pool: { host: 'db.internal', port: 6543, user: 'order_service', password: 'p@ss/word', database: 'order_service' },
  });
  assert.equal(describeConnection(connection), 'order_service@db.internal:6543/order_service');
});

test('the port defaults to 5432 and the password may be absent', () => {
  const { pool } = postgresConnectionFromUrl('postgres://postgres@127.0.0.1/scratch');
  assert.equal(pool.port, 5432);
  assert.equal(pool.password, undefined);
});

test('host and sslmode query parameters are honoured', () => {
  const connection = postgresConnectionFromUrl('postgresql://u@x/db?host=/var/run/postgresql&sslmode=verify-full');
  assert.equal(connection.pool.host, '/var/run/postgresql');
  assert.deepEqual(connection.pool.ssl, { rejectUnauthorized: true });
  assert.deepEqual(postgresConnectionFromUrl('postgresql://u@x/db?sslmode=require').pool.ssl, { rejectUnauthorized: false });
  assert.equal(postgresConnectionFromUrl('postgresql://u@x/db?sslmode=disable').pool.ssl, undefined);
});

test('a schema other than public is refused rather than silently ignored', () => {
  assert.throws(() => postgresConnectionFromUrl('postgresql://u@x/db?schema=orders'), /\?schema=orders is not supported/);
  assert.doesNotThrow(() => postgresConnectionFromUrl('postgresql://u@x/db?schema=public'));
});

test('a URL of another database or no URL at all is refused', () => {
  assert.throws(() => postgresConnectionFromUrl('mysql://u@x/db'), /must start with postgresql:\/\//);
  assert.throws(() => postgresConnectionFromUrl('not a url'), /not a valid URL/);
});

test('the description of a connection never shows the password', () => {
  assert.doesNotMatch(describeConnection(postgresConnectionFromUrl('postgresql://u:secret@x/db')), /secret/);
});
