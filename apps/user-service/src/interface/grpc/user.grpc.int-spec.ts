import 'reflect-metadata';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { firstValueFrom, type Observable } from 'rxjs';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { ScryptPasswordHasher } from '../../infrastructure/password/scrypt-password-hasher.js';
import { decodeJwt, signRs256 } from '../../testing/jwt-forgery.js';
import { generateRsaKeyPair } from '../../testing/rsa-key-pair.js';
import { startUserService, type RunningUserService } from '../../testing/user-grpc-server.js';
import { ERROR_CODE_TRAILER } from '@shop/errors/grpc';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** The error a call ended with; fails the test when it succeeded. */
async function failureOf(call: Observable<unknown>): Promise<ServiceError> {
  try {
    await firstValueFrom(call);
  } catch (error) {
    return error as ServiceError;
  }
  assert.fail('expected the call to fail');
}

function assertStatus(error: ServiceError, status: GrpcStatus, errorCode: string): void {
  assert.equal(error.code, status, `${GrpcStatus[error.code]}: ${error.details}`);
  assert.deepEqual(error.metadata.get(ERROR_CODE_TRAILER), [errorCode]);
}

describe('UserService over gRPC (real PostgreSQL and Redis)', () => {
  const keys = generateRsaKeyPair();
  let database: MigratedDatabase;
  let service: RunningUserService;
  let redis: Redis;
  const denylistKeys: string[] = [];

  before(async () => {
    database = await createMigratedDatabase({ service: 'user-service', label: 'grpc' });
    service = await startUserService({
      DATABASE_URL: database.url,
      REDIS_URL,
      KAFKA_BROKERS,
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
    });
    redis = new Redis(REDIS_URL);
  });

  after(async () => {
    if (denylistKeys.length) await redis?.del(...denylistKeys);
    redis?.disconnect();
    await service?.close();
    await database?.drop();
  });

  const register = (email: string, password: string, name: string) => firstValueFrom(service.users.register({ email, password, name }));
  const logIn = (email: string, password: string) => firstValueFrom(service.users.login({ email, password }));

  it('registers a user, logs them in with an RS256 token naming them, and finds them by id', async () => {
    const { user } = await register('  Ada@Example.COM ', 'analytical engine', ' Ada Lovelace ');
    assert.ok(user);
    assert.equal(user.email, 'ada@example.com');
    assert.equal(user.name, 'Ada Lovelace');
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(user.createdAt)));

    const login = await logIn('ADA@example.com', 'analytical engine');
    assert.equal(login.tokenType, 'Bearer');
    assert.equal(login.expiresInSeconds, 900);
    const { header, payload } = decodeJwt(login.accessToken);
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.sub, user.id);
    assert.equal(payload.email, 'ada@example.com');

    assert.deepEqual(await firstValueFrom(service.users.getUser({ userId: user.id })), { user });
  });

  it('stores a salted scrypt hash, never the password', async () => {
    await register('hopper@example.com', 'compiler pioneer', 'Grace Hopper');
    const [row] = await database.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', ['hopper@example.com']);
    assert.ok(row);
    assert.match(row.password_hash, /^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
    assert.ok(!row.password_hash.includes('compiler pioneer'));
  });

  it('announces the new account with a UserRegistered event written to the outbox in the same transaction', async () => {
    const { user } = await register('babbage@example.com', 'difference engine', 'Charles Babbage');
    const rows = await database.query<{ topic: string; message_key: string; value: string }>(
      "SELECT topic, message_key, value FROM outbox_messages WHERE message_key = $1",
      [user!.id],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.topic, 'user.events.v1');
    const envelope = JSON.parse(rows[0]!.value);
    assert.equal(envelope.type, 'user.UserRegistered');
    assert.equal(envelope.correlationId, user!.id);
    assert.deepEqual(envelope.payload, { userId: user!.id, email: 'babbage@example.com', name: 'Charles Babbage' });
  });

  it('registers only one of two concurrent registrations for one email, and announces only that one', async () => {
    const attempts = await Promise.allSettled([
      register('lovelace@example.com', 'first attempt', 'First'),
      register('LOVELACE@example.com', 'second attempt', 'Second'),
    ]);
    const created = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const refused = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
    assert.equal(created.length, 1);
    assert.equal(refused.length, 1);
    assertStatus(refused[0]!.reason as ServiceError, GrpcStatus.ALREADY_EXISTS, 'USER.EMAIL_TAKEN');
    const rows = await database.query("SELECT 1 FROM outbox_messages WHERE value::jsonb -> 'payload' ->> 'email' = $1", ['lovelace@example.com']);
    assert.equal(rows.length, 1);
  });

  it('refuses a second account for the same email, in any case, with ALREADY_EXISTS', async () => {
    await register('turing@example.com', 'imitation game', 'Alan Turing');
    const error = await failureOf(service.users.register({ email: 'Turing@Example.com', password: 'another password', name: 'Someone Else' }));
    assertStatus(error, GrpcStatus.ALREADY_EXISTS, 'USER.EMAIL_TAKEN');
    assert.equal(error.details, 'an account with this email already exists');
  });

  it('refuses a wrong password with UNAUTHENTICATED, and an unknown email with the very same answer', async () => {
    await register('lamarr@example.com', 'frequency hopping', 'Hedy Lamarr');
    const wrongPassword = await failureOf(service.users.login({ email: 'lamarr@example.com', password: 'frequency hoping' }));
    assertStatus(wrongPassword, GrpcStatus.UNAUTHENTICATED, 'USER.INVALID_CREDENTIALS');
    const unknownEmail = await failureOf(service.users.login({ email: 'nobody@example.com', password: 'frequency hopping' }));
    assertStatus(unknownEmail, GrpcStatus.UNAUTHENTICATED, 'USER.INVALID_CREDENTIALS');
    assert.equal(unknownEmail.details, wrongPassword.details);
  });

  it('refuses a short password with INVALID_ARGUMENT naming the field', async () => {
    const error = await failureOf(service.users.register({ email: 'short@example.com', password: 'seven77', name: 'Short' }));
    assertStatus(error, GrpcStatus.INVALID_ARGUMENT, 'REQUEST.INVALID');
    assert.equal(error.details, 'password must be at least 8 characters');
    assert.deepEqual(await database.query('SELECT id FROM users WHERE email = $1', ['short@example.com']), []);
  });

  it('refuses a malformed email with INVALID_ARGUMENT naming the field', async () => {
    const error = await failureOf(service.users.register({ email: 'not-an-email', password: 'long enough', name: 'Nobody' }));
    assertStatus(error, GrpcStatus.INVALID_ARGUMENT, 'REQUEST.INVALID');
    assert.equal(error.details, 'email must be a valid email address');
  });

  it('answers NOT_FOUND for an id no user has, and INVALID_ARGUMENT for something that is not an id', async () => {
    assertStatus(await failureOf(service.users.getUser({ userId: '0193a0c4-5b4c-7b2e-8d5f-3c2b1a0f9e8d' })), GrpcStatus.NOT_FOUND, 'USER.NOT_FOUND');
    const malformed = await failureOf(service.users.getUser({ userId: 'ada' }));
    assertStatus(malformed, GrpcStatus.INVALID_ARGUMENT, 'REQUEST.INVALID');
    assert.equal(malformed.details, 'user_id must be a UUID');
  });

  it('revokes a token by putting its jti on the Redis denylist for the rest of its lifetime', async () => {
    await register('noether@example.com', 'symmetry conserved', 'Emmy Noether');
    const { accessToken } = await logIn('noether@example.com', 'symmetry conserved');
    const { payload } = decodeJwt(accessToken);
    const key = `auth:revoked:${String(payload.jti)}`;
    denylistKeys.push(key);

    const before = Date.now();
    assert.deepEqual(await firstValueFrom(service.users.revokeToken({ accessToken })), {});
    const ttlMs = await redis.pttl(key);
    const after = Date.now();

    const expiresAtMs = Number(payload.exp) * 1000;
    assert.ok(ttlMs <= expiresAtMs - before + 1, `TTL ${ttlMs} ms outlives the token (${expiresAtMs - before} ms left)`);
    assert.ok(ttlMs >= expiresAtMs - after - 1, `TTL ${ttlMs} ms ends before the token does (${expiresAtMs - after} ms left)`);
  });

  it('accepts revoking the same token twice', async () => {
    await register('franklin@example.com', 'photograph fifty one', 'Rosalind Franklin');
    const { accessToken } = await logIn('franklin@example.com', 'photograph fifty one');
    denylistKeys.push(`auth:revoked:${String(decodeJwt(accessToken).payload.jti)}`);
    await firstValueFrom(service.users.revokeToken({ accessToken }));
    assert.deepEqual(await firstValueFrom(service.users.revokeToken({ accessToken })), {});
  });

  it('refuses to revoke a token it did not sign, with UNAUTHENTICATED, writing nothing', async () => {
    const jti = '0193a0c4-5b4c-4b2e-8d5f-3c2b1a0f9e8d';
    const now = Math.floor(Date.now() / 1000);
    const forged = signRs256(
      { sub: '0193a0c4-5b4c-7b2e-8d5f-3c2b1a0f9e8d', email: 'x@example.com', jti, iss: 'shop-user-service', aud: 'shop-api', iat: now, exp: now + 900 },
      generateRsaKeyPair().privateKey,
    );
    assertStatus(await failureOf(service.users.revokeToken({ accessToken: forged })), GrpcStatus.UNAUTHENTICATED, 'USER.INVALID_TOKEN');
    assert.equal(await redis.exists(`auth:revoked:${jti}`), 0);
  });

  it('moves a hash made with older scrypt parameters to the current ones at the next log-in', async () => {
    const { user } = await register('curie@example.com', 'radioactivity', 'Marie Curie');
    const olderHash = await new ScryptPasswordHasher({ logN: 14, r: 8, p: 1 }).hash('radioactivity');
    await database.query('UPDATE users SET password_hash = $1 WHERE id = $2', [olderHash, user!.id]);

    await logIn('curie@example.com', 'radioactivity');

    const [row] = await database.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user!.id]);
    assert.match(row!.password_hash, /^\$scrypt\$ln=15,r=8,p=1\$/);
    await logIn('curie@example.com', 'radioactivity');
  });
});
