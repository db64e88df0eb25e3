import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextPageHeaders } from './next-page.headers.js';

describe('the headers announcing the next page of orders', () => {
  it('link to the next page with the same limit and the cursor, and give the cursor alone', () => {
    assert.deepEqual(nextPageHeaders(20, 'eyJvZmZzZXQiOjIwfQ=='), {
      Link: '</api/v1/orders?limit=20&cursor=eyJvZmZzZXQiOjIwfQ%3D%3D>; rel="next"',
      'X-Next-Cursor': 'eyJvZmZzZXQiOjIwfQ==',
    });
  });

  it('are absent on the last page', () => {
    assert.deepEqual(nextPageHeaders(20, ''), {});
  });
});
