import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException } from '@nestjs/common';
import { parseIdempotencyKey } from './idempotency-key.header.js';

describe('the Idempotency-Key header', () => {
  it('is optional', () => {
    assert.equal(parseIdempotencyKey(undefined), null);
  });

  it('takes a UUID or any other visible ASCII up to 255 characters', () => {
    assert.equal(parseIdempotencyKey('6f1c2a9e-2b1d-4f55-9a51-0c6d1f7e8a90'), '6f1c2a9e-2b1d-4f55-9a51-0c6d1f7e8a90');
    assert.equal(parseIdempotencyKey('x'.repeat(255)), 'x'.repeat(255));
  });

  it('refuses an empty, overlong or blank-containing key with a 400', () => {
    for (const key of ['', 'x'.repeat(256), 'two words', 'clé']) assert.throws(() => parseIdempotencyKey(key), BadRequestException, key);
  });
});
