import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequestError, parseRequest } from '@shop/errors';
import { getUserRequestSchema, logInRequestSchema, registerUserRequestSchema, revokeTokenRequestSchema } from './user-requests.js';

const validRegistration = { email: 'ada@example.com', password: 'analytical engine', name: 'Ada Lovelace' };

/** The REQUEST.INVALID message for `request`, failing the test if it was accepted. */
function problemsOf(schema: Parameters<typeof parseRequest>[0], request: unknown): string {
  try {
    parseRequest(schema, request);
  } catch (error) {
    assert.ok(error instanceof InvalidRequestError);
    assert.equal(error.code, 'REQUEST.INVALID');
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(request)} to be refused`);
}

describe('validation of gRPC requests', () => {
  it('normalizes the email (trimmed, lower-cased) and trims the name, but keeps the password as typed', () => {
    const command = parseRequest(registerUserRequestSchema, { email: '  Ada@Example.COM ', password: ' spaced out ', name: '  Ada  ' });
    assert.deepEqual(command, { email: 'ada@example.com', password: ' spaced out ', name: 'Ada' });
  });

  it('names the password when it is shorter than 8 characters', () => {
    assert.equal(problemsOf(registerUserRequestSchema, { ...validRegistration, password: 'seven77' }), 'password must be at least 8 characters');
  });

  it('names the password when it is longer than 128 characters', () => {
    assert.equal(problemsOf(registerUserRequestSchema, { ...validRegistration, password: 'x'.repeat(129) }), 'password must be at most 128 characters');
    assert.doesNotThrow(() => parseRequest(registerUserRequestSchema, { ...validRegistration, password: 'x'.repeat(128) }));
  });

  it('names the email when it is not a valid address', () => {
    for (const email of ['', 'ada', 'ada@', '@example.com', 'ada example@example.com']) {
      assert.equal(problemsOf(registerUserRequestSchema, { ...validRegistration, email }), 'email must be a valid email address', email);
    }
  });

  it('names the name when it is blank or longer than 200 characters', () => {
    assert.equal(problemsOf(registerUserRequestSchema, { ...validRegistration, name: '   ' }), 'name must not be empty');
    assert.equal(problemsOf(registerUserRequestSchema, { ...validRegistration, name: 'n'.repeat(201) }), 'name must be at most 200 characters');
  });

  it('lists every wrong field of one request', () => {
    assert.equal(
      problemsOf(registerUserRequestSchema, { email: 'nope', password: 'short', name: 'Ada' }),
      'email must be a valid email address; password must be at least 8 characters',
    );
  });

  it('spells fields as the .proto does', () => {
    assert.equal(problemsOf(getUserRequestSchema, { userId: 'not-a-uuid' }), 'user_id must be a UUID');
    assert.equal(problemsOf(revokeTokenRequestSchema, { accessToken: '' }), 'access_token is required');
  });

  it('lets a log-in with a malformed email through, to be refused as wrong credentials rather than as invalid input', () => {
    assert.deepEqual(parseRequest(logInRequestSchema, { email: ' Not-An-Email ', password: 'whatever' }), { email: 'not-an-email', password: 'whatever' });
    assert.equal(problemsOf(logInRequestSchema, { email: '', password: '' }), 'email is required; password is required');
  });
});
