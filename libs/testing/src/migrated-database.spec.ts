import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMigratedDatabase, migratedDatabaseName } from './migrated-database.js';

describe('migrated database names', () => {
  it('name the service and the test, with a random suffix that keeps runs apart', () => {
    const first = migratedDatabaseName('order-service', 'place_order');
    const second = migratedDatabaseName('order-service', 'place_order');

    assert.match(first, /^order_service_test_place_order_[0-9a-f]{8}$/);
    assert.notEqual(first, second);
  });

  it('refuse a label that would not be a plain identifier, before PostgreSQL is asked anything', async () => {
    await assert.rejects(createMigratedDatabase({ service: 'order-service', label: 'Place Order' }), /label "Place Order"/);
    await assert.rejects(createMigratedDatabase({ service: 'order-service', label: 'x"; DROP DATABASE postgres; --' }), /label/);
  });

  it('refuse a service name that is not one', () => {
    assert.throws(() => migratedDatabaseName('../order-service', 'grpc'), /not a service name/);
  });

  it('refuse a label so long that PostgreSQL would cut off the random suffix', () => {
    assert.throws(() => migratedDatabaseName('notification-service', 'a_label_that_goes_on_and_on_and_on'), /longer than 63/);
  });
});
