import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JwtService } from '@nestjs/jwt';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/contracts';
import { createPublicKey, randomUUID } from 'node:crypto';
import { generateSigningKeys, signAccessToken } from '../../testing/access-tokens.fixture.js';
import { AccessTokenVerifier, bearerTokenOf } from './access-token.verifier.js';

const keys = generateSigningKeys();
const verifier = new AccessTokenVerifier(new JwtService({ publicKey: createPublicKey(keys.publicKey) }));

/** A token signed as an attacker would, with whatever algorithm and key they like. */
function forge(payload: object, options: { algorithm: 'HS256' | 'none' | 'RS256'; key: string }): string {
  const claims = { sub: randomUUID(), jti: randomUUID(), iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 900, ...payload };
  return new JwtService().sign(claims, { algorithm: options.algorithm, secret: options.key, privateKey: options.key });
}

describe('verifying an access token', () => {
  it('accepts an RS256 token of user-service and reads the user id and token id', () => {
    const userId = randomUUID();
    const jti = randomUUID();
    const claims = verifier.verify(signAccessToken(keys, { userId, jti }));
    assert.equal(claims?.sub, userId);
    assert.equal(claims?.jti, jti);
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', () => {
    assert.equal(verifier.verify(forge({}, { algorithm: 'HS256', key: keys.publicKey })), null);
  });

  it('refuses an unsigned token', () => {
    const unsigned = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })), Buffer.from(JSON.stringify({ sub: 'x', jti: 'y', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: 9_999_999_999 }))]
      .map((part) => part.toString('base64url'))
      .join('.');
    assert.equal(verifier.verify(`${unsigned}.`), null);
  });

  it('refuses a token signed with another key', () => {
    assert.equal(verifier.verify(signAccessToken(generateSigningKeys())), null);
  });

  it('refuses a token of another issuer or for another audience', () => {
    assert.equal(verifier.verify(signAccessToken(keys, { issuer: 'someone-else' })), null);
    assert.equal(verifier.verify(signAccessToken(keys, { audience: 'another-api' })), null);
  });

  it('refuses an expired token', () => {
    assert.equal(verifier.verify(signAccessToken(keys, { expiresInSeconds: -10 })), null);
  });

  it('refuses a token without an expiry or without a token id', () => {
    const withoutExpiry = new JwtService().sign({ sub: randomUUID(), jti: randomUUID(), iss: JWT_ISSUER, aud: JWT_AUDIENCE }, { algorithm: 'RS256', privateKey: keys.privateKey });
    assert.equal(verifier.verify(withoutExpiry), null);
    assert.equal(verifier.verify(forge({ jti: undefined }, { algorithm: 'RS256', key: keys.privateKey })), null);
  });

  it('refuses what is not a token at all', () => {
    assert.equal(verifier.verify('not-a-jwt'), null);
  });
});

describe("verifying a request's access token", () => {
  /** A verifier that counts the signatures it checks. */
  function countingVerifier() {
    const jwt = new JwtService({ publicKey: createPublicKey(keys.publicKey) });
    const counted = { verifier: new AccessTokenVerifier(jwt), checks: 0 };
    const verify = jwt.verify.bind(jwt);
    jwt.verify = ((token: string, options?: object) => {
      counted.checks += 1;
      return verify(token, options);
    }) as typeof jwt.verify;
    return counted;
  }

  it('checks the token once per request, however often it is asked, and each request on its own', () => {
    const counted = countingVerifier();
    const userId = randomUUID();
    const request = { headers: { authorization: `Bearer ${signAccessToken(keys, { userId })}` } };
    assert.equal(counted.verifier.verifyRequest(request)?.sub, userId);
    assert.equal(counted.verifier.verifyRequest(request)?.sub, userId);
    assert.equal(counted.checks, 1);
    const another = { headers: { authorization: request.headers.authorization } };
    assert.equal(counted.verifier.verifyRequest(another)?.sub, userId);
    assert.equal(counted.checks, 2);
  });

  it('remembers a refusal too, and finds no claims without a bearer token', () => {
    const counted = countingVerifier();
    const forged = { headers: { authorization: `Bearer ${signAccessToken(generateSigningKeys())}` } };
    assert.equal(counted.verifier.verifyRequest(forged), null);
    assert.equal(counted.verifier.verifyRequest(forged), null);
    assert.equal(counted.checks, 1);
    assert.equal(counted.verifier.verifyRequest({ headers: {} }), null);
    assert.equal(counted.verifier.verifyRequest({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }), null);
    assert.equal(counted.checks, 1);
  });
});

describe('reading the bearer token of a request', () => {
  it('takes the token of an `Authorization: Bearer` header', () => {
    assert.equal(bearerTokenOf('Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerTokenOf('bearer abc.def.ghi'), 'abc.def.ghi');
  });

  it('finds none in another scheme, a bare token or no header', () => {
    assert.equal(bearerTokenOf('Basic dXNlcjpwYXNz'), null);
    assert.equal(bearerTokenOf('abc.def.ghi'), null);
    assert.equal(bearerTokenOf('Bearer '), null);
    assert.equal(bearerTokenOf(undefined), null);
  });
});
