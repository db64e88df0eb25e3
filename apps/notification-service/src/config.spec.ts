import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from './config.js';

const required = { MONGO_URL: 'mongodb://127.0.0.1:27017/notifications', KAFKA_BROKERS: '127.0.0.1:9092', USER_GRPC_URL: 'user-service:3051' };

function messages(environment: Record<string, string>): string[] {
  const result = configSchema.safeParse(environment);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('notification-service configuration', () => {
  it('defaults the ports, the sender and email delivery to the stored JSON transport', () => {
    const config = configSchema.parse(required);
    assert.equal(config.PORT, 3005);
    assert.equal(config.GRPC_PORT, 3055);
    assert.equal(config.MAIL_FROM, 'Shop <orders@shop.local>');
    assert.equal(config.SMTP_URL, undefined);
  });

  it('accepts smtp:// and smtps:// relays, and treats an empty SMTP_URL as unset', () => {
    assert.equal(configSchema.parse({ ...required, SMTP_URL: 'smtp://user:secret@mail:587' }).SMTP_URL, 'smtp://user:secret@mail:587');
    assert.equal(configSchema.parse({ ...required, SMTP_URL: 'smtps://mail:465' }).SMTP_URL, 'smtps://mail:465');
    assert.equal(configSchema.parse({ ...required, SMTP_URL: '' }).SMTP_URL, undefined);
  });

  it('refuses an SMTP_URL of another scheme', () => {
    assert.deepEqual(messages({ ...required, SMTP_URL: 'http://mail:25' }), ['SMTP_URL: must be a URL like smtp://user:password@host:587 or smtps://host:465']);
  });

  it('requires USER_GRPC_URL as host:port', () => {
    const { USER_GRPC_URL: _omitted, ...withoutUserService } = required;
    assert.equal(messages(withoutUserService).length, 1);
    assert.match(messages({ ...required, USER_GRPC_URL: 'http://user-service:3051' })[0] ?? '', /^USER_GRPC_URL: must be host:port/);
  });

  it('accepts a bare or named MAIL_FROM and refuses something that is not an address', () => {
    assert.equal(configSchema.parse({ ...required, MAIL_FROM: 'orders@example.com' }).MAIL_FROM, 'orders@example.com');
    assert.equal(configSchema.parse({ ...required, MAIL_FROM: 'Example Shop <orders@example.com>' }).MAIL_FROM, 'Example Shop <orders@example.com>');
    assert.match(messages({ ...required, MAIL_FROM: 'the shop' })[0] ?? '', /^MAIL_FROM: must be an address/);
  });
});
