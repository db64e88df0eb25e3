import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listNotificationsRequestSchema } from './list-notifications.request.js';
import { InvalidRequestError, parseRequest } from '@shop/errors';

describe('ListNotifications request validation', () => {
  it('accepts a UUID user id', () => {
    const userId = '0f9e8d7c-6b5a-4c3d-9e1f-2a3b4c5d6e7f';
    assert.deepEqual(parseRequest(listNotificationsRequestSchema, { userId }), { userId });
  });

  it('refuses an empty or malformed user id with REQUEST.INVALID and the reason', () => {
    for (const userId of ['', 'user-1', '0f9e8d7c-6b5a-4c3d-9e1f']) {
      assert.throws(
        () => parseRequest(listNotificationsRequestSchema, { userId }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidRequestError);
          assert.equal(error.message, 'user_id must be a UUID');
          return true;
        },
      );
    }
  });
});
