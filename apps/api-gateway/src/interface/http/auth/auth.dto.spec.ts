import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeValidationIssues } from '../validation/validation-messages.js';
import { loginRequestSchema, registerRequestSchema } from './auth.dto.js';

function refusalOf(schema: typeof registerRequestSchema | typeof loginRequestSchema, body: unknown): string | null {
  const result = schema.safeParse(body);
  return result.success ? null : describeValidationIssues(result.error);
}

describe('validating a registration', () => {
  const valid = { email: 'ada@example.com', password: 'correct horse', name: 'Ada Lovelace' };

  it('accepts an email, a password of at least 8 characters and a name', () => {
    assert.equal(refusalOf(registerRequestSchema, valid), null);
    assert.equal(refusalOf(registerRequestSchema, { ...valid, password: '12345678' }), null);
  });

  it('refuses a malformed email', () => {
    assert.equal(refusalOf(registerRequestSchema, { ...valid, email: 'ada.example.com' }), 'email: must be a valid email address');
    assert.equal(refusalOf(registerRequestSchema, { ...valid, email: 42 }), 'email: must be a valid email address');
  });

  it('accepts an email with blanks around it, as user-service does', () => {
    assert.equal(refusalOf(registerRequestSchema, { ...valid, email: ' ada@example.com ' }), null);
  });

  it('refuses a password under 8 characters', () => {
    assert.equal(refusalOf(registerRequestSchema, { ...valid, password: '1234567' }), 'password: must be at least 8 characters');
  });

  it('refuses a missing or blank name', () => {
    assert.equal(refusalOf(registerRequestSchema, { email: valid.email, password: valid.password }), 'name: is required');
    assert.equal(refusalOf(registerRequestSchema, { ...valid, name: '  ' }), 'name: must not be empty');
  });
});

describe('validating a log-in', () => {
  it('refuses nothing: whether the credentials match is user-service\'s answer, and every failure is a 401', () => {
    assert.equal(refusalOf(loginRequestSchema, { email: 'not even an email', password: 'x' }), null);
    assert.equal(refusalOf(loginRequestSchema, {}), null);
    assert.equal(refusalOf(loginRequestSchema, 'a string'), null);
  });

  it('turns what is not a credential into an empty one, which the controller answers with 401', () => {
    assert.deepEqual(loginRequestSchema.parse({ email: 42, password: null }), { email: '', password: '' });
    assert.deepEqual(loginRequestSchema.parse({ email: 'ada@example.com', password: 'x'.repeat(2000) }), { email: 'ada@example.com', password: '' });
  });
});
