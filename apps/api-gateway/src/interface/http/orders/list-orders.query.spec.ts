import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeValidationIssues } from '../validation/validation-messages.js';
import { listOrdersQuerySchema } from './list-orders.query.js';

describe('the query of GET /orders', () => {
  it('pages by 20 by default', () => {
    assert.deepEqual(listOrdersQuerySchema.parse({}), { limit: 20 });
  });

  it('takes a limit of 1 to 100 and a cursor from the query string', () => {
    assert.deepEqual(listOrdersQuerySchema.parse({ limit: '1', cursor: 'abc' }), { limit: 1, cursor: 'abc' });
    assert.deepEqual(listOrdersQuerySchema.parse({ limit: '100' }), { limit: 100 });
  });

  it('refuses a limit outside 1..100 or not a whole number', () => {
    for (const limit of ['0', '101', '2.5', 'ten']) {
      const result = listOrdersQuerySchema.safeParse({ limit });
      assert.equal(result.success, false, limit);
      assert.equal(describeValidationIssues(result.error), 'limit: must be a whole number between 1 and 100');
    }
  });
});
