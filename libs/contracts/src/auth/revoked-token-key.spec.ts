import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JWT_AUDIENCE, JWT_ISSUER, revokedTokenKey } from './revoked-token-key.js';

describe('the access-token contract', () => {
  it('keys a revoked token by its jti under auth:revoked:', () => {
    assert.equal(revokedTokenKey('3f0c8a11-0b9f-4d52-9a57-6f0e3c7a2f1f'), 'auth:revoked:3f0c8a11-0b9f-4d52-9a57-6f0e3c7a2f1f');
  });

  it('names the user service as issuer and the shop API as audience', () => {
    assert.equal(JWT_ISSUER, 'shop-user-service');
    assert.equal(JWT_AUDIENCE, 'shop-api');
  });
});
