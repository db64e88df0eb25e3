import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertErrorReply, call, newCustomer, uniqueEmail } from '@shop/testing/system';

describe('the gateway\'s auth routes on the running stack', () => {
  describe('POST /api/v1/auth/register', () => {
    it('creates an account: 201 with exactly {id, email, name}', async () => {
      const email = uniqueEmail('register');
      const reply = await call<Record<string, unknown>>('POST', '/api/v1/auth/register', { body: { email, password: 'correct horse battery', name: 'Ada Lovelace' } });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.deepEqual(Object.keys(reply.body).sort(), ['email', 'id', 'name']);
      assert.equal(reply.body.email, email);
      assert.equal(reply.body.name, 'Ada Lovelace');
      assert.equal(typeof reply.body.id, 'string');
    });

    it('answers 409 when the email is taken', async () => {
      const body = { email: uniqueEmail('taken'), password: 'correct horse battery', name: 'First' };
      assert.equal((await call('POST', '/api/v1/auth/register', { body })).status, 201);
      assertErrorReply(await call('POST', '/api/v1/auth/register', { body: { ...body, name: 'Second' } }), 409, 'Conflict', 'USER.EMAIL_TAKEN');
    });

    it('answers 400 for a malformed email', async () => {
      assertErrorReply(await call('POST', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'correct horse battery', name: 'A' } }), 400, 'Bad Request');
    });

    it('answers 400 for a password under 8 characters', async () => {
      assertErrorReply(await call('POST', '/api/v1/auth/register', { body: { email: uniqueEmail('short'), password: '1234567', name: 'A' } }), 400, 'Bad Request');
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('answers 200 {accessToken, tokenType: "Bearer", expiresIn} for the right password', async () => {
      const customer = await newCustomer('login');
      const reply = await call<Record<string, unknown>>('POST', '/api/v1/auth/login', { body: { email: customer.email, password: customer.password } });
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.body).sort(), ['accessToken', 'expiresIn', 'tokenType']);
      assert.equal(reply.body.tokenType, 'Bearer');
      assert.ok(Number.isInteger(reply.body.expiresIn) && (reply.body.expiresIn as number) > 0);
      assert.match(reply.body.accessToken as string, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT');
    });

    it('answers 401 for a wrong password and for an unknown email', async () => {
      const customer = await newCustomer('wrong-password');
      assertErrorReply(await call('POST', '/api/v1/auth/login', { body: { email: customer.email, password: `${customer.password}x` } }), 401, 'Unauthorized', 'USER.INVALID_CREDENTIALS');
      assertErrorReply(await call('POST', '/api/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: 'correct horse battery' } }), 401, 'Unauthorized');
    });

    it('answers 401 for a missing or malformed credential too: every failed log-in looks the same', async () => {
      assertErrorReply(await call('POST', '/api/v1/auth/login', { body: { email: uniqueEmail('nobody') } }), 401, 'Unauthorized');
      assertErrorReply(await call('POST', '/api/v1/auth/login', { body: { email: 42, password: ['x'] } }), 401, 'Unauthorized');
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('answers 204, after which the token is refused', async () => {
      const customer = await newCustomer('logout');
      assert.equal((await call('GET', '/api/v1/orders', { token: customer.token })).status, 200);
      const reply = await call('POST', '/api/v1/auth/logout', { token: customer.token });
      assert.equal(reply.status, 204);
      assertErrorReply(await call('GET', '/api/v1/orders', { token: customer.token }), 401, 'Unauthorized');
    });

    it('answers 401 without a token', async () => {
      assertErrorReply(await call('POST', '/api/v1/auth/logout'), 401, 'Unauthorized');
    });
  });
});
