import { JwtService } from '@nestjs/jwt';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { decodeJwt, signHs256, signRs256, unsigned, type Claims } from '../../testing/jwt-forgery.js';
import { generateRsaKeyPair } from '../../testing/rsa-key-pair.js';
import { accessTokenJwtOptions } from './access-token-jwt-options.js';
import { JwtAccessTokens } from './jwt-access-tokens.js';

const keys = generateRsaKeyPair();
const TTL_SECONDS = 900;
const tokens = new JwtAccessTokens(new JwtService(accessTokenJwtOptions({ ...keys, ttlSeconds: TTL_SECONDS })), TTL_SECONDS);

const user: User = { id: randomUUID(), email: 'ada@example.com', name: 'Ada', passwordHash: 'not used here', createdAt: new Date() };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims as this service issues them, for hand-made variations. */
function validClaims(overrides: Claims = {}): Claims {
  const iat = nowSeconds();
  return { sub: user.id, email: user.email, jti: randomUUID(), iss: 'shop-user-service', aud: 'shop-api', iat, exp: iat + TTL_SECONDS, ...overrides };
}

async function assertRefused(token: string): Promise<void> {
  await assert.rejects(tokens.verifyIgnoringExpiry(token), (error) => error instanceof UserError && error.code === 'USER.INVALID_TOKEN');
}

describe('access tokens (RS256 JWT)', () => {
  it('issues a token whose header says RS256 and whose claims name the user, issuer, audience, token id and expiry', async () => {
    const issued = await tokens.issue(user);
    const { header, payload } = decodeJwt(issued.token);
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' });
    assert.equal(payload.sub, user.id);
    assert.equal(payload.email, user.email);
    assert.equal(payload.iss, 'shop-user-service');
    assert.equal(payload.aud, 'shop-api');
    assert.match(String(payload.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(payload.exp, Number(payload.iat) + TTL_SECONDS);
    assert.equal(issued.expiresInSeconds, TTL_SECONDS);
  });

  it('gives every token its own id', async () => {
    const first = decodeJwt((await tokens.issue(user)).token).payload.jti;
    const second = decodeJwt((await tokens.issue(user)).token).payload.jti;
    assert.notEqual(first, second);
  });

  it('reads back the user, token id and expiry of a token it issued', async () => {
    const issued = await tokens.issue(user);
    const { payload } = decodeJwt(issued.token);
    assert.deepEqual(await tokens.verifyIgnoringExpiry(issued.token), {
      userId: user.id,
      tokenId: payload.jti,
      expiresAt: new Date(Number(payload.exp) * 1000),
    });
  });

  it('refuses a token signed with HS256 using the public key as the secret', async () => {
    await assertRefused(signHs256(validClaims(), keys.publicKey));
  });

  it('refuses an unsigned token (alg none)', async () => {
    await assertRefused(unsigned(validClaims()));
  });

  it('refuses a token signed with another RSA key', async () => {
    await assertRefused(signRs256(validClaims(), generateRsaKeyPair().privateKey));
  });

  it('refuses a token from another issuer or for another audience', async () => {
    await assertRefused(signRs256(validClaims({ iss: 'someone-else' }), keys.privateKey));
    await assertRefused(signRs256(validClaims({ aud: 'another-api' }), keys.privateKey));
  });

  it('refuses a correctly signed token that lacks a token id or a user id', async () => {
    await assertRefused(signRs256(validClaims({ jti: undefined }), keys.privateKey));
    await assertRefused(signRs256(validClaims({ sub: 'not-a-uuid' }), keys.privateKey));
  });

  it('refuses garbage', async () => {
    await assertRefused('not.a.token');
    await assertRefused('');
  });

  it('still reads an expired token it issued, since revoking one is harmless', async () => {
    const exp = nowSeconds() - 60;
    const verified = await tokens.verifyIgnoringExpiry(signRs256(validClaims({ iat: exp - TTL_SECONDS, exp }), keys.privateKey));
    assert.equal(verified.expiresAt.getTime(), exp * 1000);
  });
});
